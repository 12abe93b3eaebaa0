using System.CommandLine;

var root = new RootCommand("AqNano: keyless device identity from behavioural continuity.");
return root.Parse(args).Invoke();
