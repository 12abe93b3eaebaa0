using System.CommandLine;
using AqNano.Fuzz.Commands;

var root = new RootCommand("AqNano fuzzing (issue 7): AFL++ targets via SharpFuzz and a seeded structure-aware mutation campaign.");
root.Subcommands.Add(CampaignCommand.Create());
root.Subcommands.Add(AflCommand.Create());
root.Subcommands.Add(SeedsCommand.Create());
root.Subcommands.Add(ReplayCommand.Create());
return root.Parse(args).Invoke();
