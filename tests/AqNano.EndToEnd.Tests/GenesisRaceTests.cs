using AqNano.EndToEnd.Tests.Harness;
using AqNano.Firmware.Core.Ports;
using AqNano.Protocol;
using AqNano.Simulator.Fleet;
using AqNano.Simulator.Scenarios;
using AqNano.Simulator.Scenarios.Attacks;
using AqNano.Verifier;
using AqNano.Verifier.Lineage;

namespace AqNano.EndToEnd.Tests;

/// <summary>Issue 5 acceptance, genesis race: an impostor sends a Genesis for a live device's id (public: it
/// derives from the MAC) and keeps its forged chain going. DESIGN.md "impostor Genesis for a known id": a
/// candidate that never displaces a live epoch. The impostor's epoch stays Deferred, the live epoch unharmed.
/// (The catalogue's genesis-race, where the impostor comes before the device's first boot, is in
/// ScenarioCatalogueTests.)</summary>
public sealed class GenesisRaceTests
{
    private const double AttackMinute = 3;

    [Theory]
    [InlineData("confidential")]
    [InlineData("open")]
    public void ImpostorEpochIsDeferredAndTheLiveEpochIsUnharmed(string path)
    {
        var definition = new ScenarioDefinition
        {
            Name = "genesis-race-after-boot", Seed = 12002, Devices = 2, IntervalSeconds = 10, DurationMinutes = 8, Path = path,
        };
        var run = new EndToEndRun(definition);
        SimulatedBoard device = run.Run.Devices[0];
        ulong id = run.Run.DeviceIdOf(device);
        var sent = new System.Runtime.CompilerServices.StrongBox<int>();
        StartImpostor(run, id, sent);
        run.Execute();

        List<JudgedPublish> impostor = run.JudgedFor(id).Where(j => j.Connection == "attacker-genesis").ToList();
        Assert.True(sent.Value >= 25, $"the impostor sent only {sent.Value} frames");
        Assert.Equal(sent.Value, impostor.Count);
        Assert.All(impostor, j =>
        {
            Assert.Equal(Verdict.Candidate, j.Judgement.Verdict);
            Assert.Equal(DecisionMode.Deferred, j.Judgement.Mode);
            Assert.Equal(Reasons.CandidateEpoch, j.Judgement.Reason);
            Assert.Equal(Scopes.Observe, j.Judgement.GrantedScope);
            Assert.Null(j.Judgement.DecisionFrame);
            Assert.False(j.Judgement.TakeOwnership);
        });

        long startUs = run.Run.MinutesToUs(AttackMinute);
        ulong live = device.Program!.Epoch;
        Assert.All(run.JudgedFor(id).Where(j => j.Connection != "attacker-genesis" && j.Publish.ReceivedTrueUs >= startUs),
            j => Assert.True(j.Judgement.Verdict is Verdict.Next or Verdict.Duplicate, j.Judgement.Explanation));
        List<PublishedDecision> after = run.DecisionsFor(id).Where(d => d.TimeUs >= startUs).ToList();
        Assert.NotEmpty(after);
        Assert.All(after, d => Assert.True(d.Epoch == live && d.Mode == DecisionMode.AdmitFull, d.ToString()));
        DeviceView view = run.Verifier.Device(id)!;
        Assert.Equal(live, view.Epoch);
        Assert.Equal(DecisionMode.AdmitFull, view.Mode);
        Assert.True(LedgerVerifier.Verify(run.Ledger).Verified);
    }

    /// <summary>The catalogue's genesis-race, where the impostor's Genesis comes before the device ever booted: the
    /// impostor's epoch is the live one (trust on first use), and the device's own epoch is the one held as a
    /// Deferred candidate that never displaces it, with no Decision published for it.</summary>
    [Fact]
    public void WhenTheImpostorComesFirstTheDevicesEpochIsTheDeferredCandidate()
    {
        var run = new EndToEndRun(ScenarioCatalogue.Find("genesis-race"));
        run.Execute();

        SimulatedBoard device = run.Run.Devices[0];
        ulong id = run.Run.DeviceIdOf(device);
        ulong live = run.JudgedFor(id).First().Judgement.Epoch;
        List<JudgedPublish> own = run.JudgedFor(id).Where(j => j.Connection.StartsWith(device.Name + "#", StringComparison.Ordinal)).ToList();
        Assert.True(own.Count >= 20);
        Assert.All(own, j => Assert.True(j.Judgement.Verdict is Verdict.Candidate or Verdict.Duplicate && j.Judgement.Mode == DecisionMode.Deferred
                                         && j.Judgement.DecisionFrame == null, j.Judgement.Explanation));
        Assert.DoesNotContain(run.DecisionsFor(id), d => d.Epoch == device.Program!.Epoch);
        Assert.Equal(live, run.Verifier.Device(id)!.Epoch);
    }

    /// <summary>The impostor: the simulator's FrameForge on an attacker connection, a Genesis at the attack minute
    /// and the next link of its own chain every interval, each counted in <paramref name="sent"/>.</summary>
    private static void StartImpostor(EndToEndRun run, ulong id, System.Runtime.CompilerServices.StrongBox<int> sent)
    {
        var forge = new FrameForge(run.Run.Random("impostor"));
        IUplink? attacker = null;
        long intervalUs = (long)(run.Run.IntervalSeconds * 1_000_000);
        long startUs = run.Run.MinutesToUs(AttackMinute);
        void Send(bool genesis)
        {
            attacker ??= run.Run.ConnectAttacker("attacker-genesis");
            ulong uptime = (ulong)(run.Scheduler.NowUs - startUs + 5_000_000);
            byte[] frame = genesis ? forge.Genesis(id, uptime, Scopes.All) : forge.Next(uptime);
            if (attacker.Publish(Topics.Observation(id), frame, 0, frame.Length, false)) sent.Value++;
            // The last link goes out a second before the run ends, so that every one sent is also judged.
            long endUs = run.Run.MinutesToUs(run.Run.Duration.TotalMinutes) - 1_000_000;
            if (run.Scheduler.NowUs + intervalUs < endUs) run.Scheduler.At(run.Scheduler.NowUs + intervalUs, () => Send(false));
        }
        run.Scheduler.At(startUs, () => Send(true));
    }
}
