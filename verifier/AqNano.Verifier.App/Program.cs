using System.CommandLine;
using AqNano.Verifier.App;

var root = new RootCommand("AqNano: keyless device identity from behavioural continuity.");
root.Subcommands.Add(DemoCommand.Create());
return root.Parse(args).Invoke();
