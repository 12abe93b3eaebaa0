using AqNano.Simulator.Scenarios;

namespace AqNano.Simulator.Tests;

public sealed class ScenarioCatalogueTests
{
    public static TheoryData<string> Names()
    {
        TheoryData<string> names = new();
        foreach (ScenarioDefinition s in ScenarioCatalogue.BuiltIn()) names.Add(s.Name);
        return names;
    }

    [Fact]
    public void CatalogueHoldsEveryScenarioOfIssue4WithExpectedOutcomes()
    {
        IReadOnlyList<ScenarioDefinition> all = ScenarioCatalogue.BuiltIn();
        string[] required =
        {
            "honest-fleet", "clone-confidential", "clone-open", "replay", "mitm-open", "mitm-open-witness", "mitm-confidential",
            "mitm-confidential-witness", "lying-witness", "tamper", "reboot-storm", "long-dormancy", "compromised-batch",
            "malformed-flood", "spoofed-decision", "eavesdropper", "genesis-race", "sybil", "demo-mix", "light-sleep",
            // Issue 9 item 2: gateway-mediated retrofit.
            "retrofit-sensor", "retrofit-swap", "retrofit-gateway-clone",
        };
        Assert.Equal(required.Order(), all.Select(s => s.Name).Order());
        Assert.All(all, s => Assert.NotEmpty(s.Expected));
        Assert.Equal(all.Count, all.Select(s => s.Seed).Distinct().Count());
    }

    [Fact]
    public void ExpectedOutcomesUseOnlyKnownModesReasonsAndVerdicts()
    {
        string[] verdicts = { "Malformed", "Genesis", "Candidate", "Next", "Duplicate", "Conflict", "Fork", "Gap", "Broken", "Stale", "Witness", "Contended" };
        string[] reasons = typeof(AqNano.Protocol.Reasons).GetFields().Where(f => f.IsLiteral && f.Name != "Last").Select(f => f.Name).ToArray();
        foreach (ScenarioDefinition s in ScenarioCatalogue.BuiltIn())
        {
            foreach (ExpectedOutcome e in s.Expected)
            {
                Assert.All(e.Verdicts.Concat(e.NeverVerdicts), v => Assert.Contains(v, verdicts));
                Assert.All(e.FinalModes, m => Assert.True(Enum.TryParse<AqNano.Protocol.DecisionMode>(m, out _), $"{s.Name}: mode {m}"));
                Assert.All(e.Reasons, r => Assert.Contains(r, reasons));
                Assert.Empty(e.Verdicts.Intersect(e.NeverVerdicts));
                foreach (string standing in e.Reached)
                {
                    string[] parts = standing.Split('/');
                    Assert.True(parts.Length == 2 && Enum.TryParse<AqNano.Protocol.DecisionMode>(parts[0], out _) && reasons.Contains(parts[1]),
                        $"{s.Name}: reached '{standing}' is not Mode/Reason");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryRoleAnExpectationNamesIsPlayedInTheRun(string name)
    {
        ScenarioDefinition definition = ScenarioCatalogue.Find(name);
        ScenarioRun run = new(definition);
        Assert.All(definition.Expected, e => Assert.True(run.Roles.Has(e.Role), $"{name}: nobody plays {e.Role}"));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryScenarioRunsDeterministicallyAndItsAttacksAct(string name)
    {
        CapturedRun first = CapturedRun.Of(name);
        CapturedRun second = CapturedRun.Of(name);
        Assert.Equal(first.CaptureText, second.CaptureText);
        Assert.True(first.Report.TotalDeviceFrames > 0);
        Assert.All(first.Report.AttackResults, a => Assert.True(a.Actions > 0, $"{name}: attack {a.Kind} did nothing"));
    }

    [Fact]
    public void AnotherSeedMakesOtherFrames()
    {
        CapturedRun a = CapturedRun.Of("clone-open", new RunOptions { DurationMinutes = 2 });
        CapturedRun b = CapturedRun.Of("clone-open", new RunOptions { DurationMinutes = 2, Seed = 77 });
        Assert.NotEqual(a.CaptureText, b.CaptureText);
    }

    [Theory]
    [InlineData("{\"name\":\"x\",\"devices\":2,\"attacks\":[{\"kind\":\"teleport\"}]}", "unknown attack 'teleport'")]
    [InlineData("{\"name\":\"x\",\"path\":\"wifi\"}", "path must be open or confidential")]
    [InlineData("{\"name\":\"x\",\"devices\":1,\"reboots\":[{\"device\":3,\"atMinute\":1}]}", "reboot of device 3")]
    [InlineData("{\"name\":\"x\",\"colour\":\"red\"}", "colour")]
    [InlineData("{\"name\":\"x\",\"boardKinds\":[\"Arduino\"]}", "unknown board kind")]
    [InlineData("{\"name\":\"x\",\"chipIdBase\":16777216}", "chipIdBase")]
    public void AScenarioFileThatCannotRunIsRefusedSayingWhy(string json, string why)
    {
        ScenarioException refusal = Assert.Throws<ScenarioException>(() => ScenarioCatalogue.Parse(json, "mine.json"));
        Assert.Contains("mine.json", refusal.Message);
        Assert.Contains(why, refusal.Message);
    }

    [Fact]
    public void UsersAddTheirOwnScenarioAsAFile()
    {
        string folder = Directory.CreateTempSubdirectory("aqnano-scenarios").FullName;
        try
        {
            ScenarioDefinition mine = ScenarioCatalogue.Find("replay") with { Name = "my-replay", Seed = 5 };
            File.WriteAllText(Path.Combine(folder, "my-replay.json"), ScenarioCatalogue.ToJson(mine));
            Assert.Equal("my-replay", ScenarioCatalogue.LoadFolder(folder).Single().Name);
            Assert.Equal(5UL, ScenarioCatalogue.Find(Path.Combine(folder, "my-replay.json")).Seed);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
