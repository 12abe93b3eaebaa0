using System.CommandLine;
using AqNano.Fuzz.Campaign;
using AqNano.Fuzz.Corpus;
using AqNano.Fuzz.Targets;

namespace AqNano.Fuzz.Commands;

/// <summary>`campaign`: the bounded mutation campaign (issue 7: at least 1,000,000 inputs), figures on stdout as Markdown.</summary>
internal static class CampaignCommand
{
    public static Command Create()
    {
        var target = TargetOption.Create();
        var count = new Option<long>("--count") { Description = "How many inputs.", DefaultValueFactory = _ => 1_000_000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the mutator: the same seed runs the same inputs.", DefaultValueFactory = _ => 1 };
        var findings = new Option<string>("--findings") { Description = "Folder for crashing inputs (.bin + .txt).", DefaultValueFactory = _ => "fuzz-findings" };
        var examples = new Option<string?>("--examples") { Description = "Folder to write the first input of each outcome into (regression examples)." };
        var command = new Command("campaign", "Run a seeded structure-aware mutation campaign against a target.") { target, count, seed, findings, examples };
        command.SetAction(result => Run(result.GetValue(target)!, result.GetValue(count), result.GetValue(seed), result.GetValue(findings)!, result.GetValue(examples)));
        return command;
    }

    private static int Run(string targetName, long count, int seed, string findingsFolder, string? examplesFolder)
    {
        IFuzzTarget target = TargetCatalog.Create(targetName);
        CampaignResult result = FuzzCampaign.Run(target, TargetCatalog.Seeds(targetName), seed, count,
            done => Console.Error.WriteLine($"{target.Name}: {done:N0} inputs"));
        Console.WriteLine(CampaignReport.ToMarkdown(result));
        if (examplesFolder is not null) FindingsFolder.SaveExamples(examplesFolder, target.Name, result.FirstInputByOutcome);
        if (result.Findings.Count == 0) return 0;
        FindingsFolder.Save(findingsFolder, target.Name, result.Findings);
        Console.Error.WriteLine($"{result.Exceptions} inputs threw; the first {result.Findings.Count} are in {Path.GetFullPath(findingsFolder)}");
        return 1;
    }
}
