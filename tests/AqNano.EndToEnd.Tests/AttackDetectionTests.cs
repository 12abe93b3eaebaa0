using AqNano.EndToEnd.Tests.Harness;
using AqNano.Protocol;
using AqNano.Simulator.Fleet;
using AqNano.Simulator.Scenarios;
using AqNano.Verifier;

namespace AqNano.EndToEnd.Tests;

/// <summary>Issue 5 acceptance: clone, man in the middle (with a registered witness), in-flight tamper and a
/// compromised batch are each caught with their own reason no later than one frame after the divergent frame
/// (the first frame for the device that its own board never sent) reaches the verifier; on an open path the
/// same attacks leave the honest device no worse than AdmitMonitored.</summary>
public sealed class AttackDetectionTests
{
    public static TheoryData<string, string?, byte[]> Attacks() => new()
    {
        { "clone-confidential", null, [Reasons.CloneEvidence] },
        { "compromised-batch", null, [Reasons.CloneEvidence] },
        { "mitm-confidential-witness", null, [Reasons.CloneEvidence] },
        { "tamper", "confidential", [Reasons.AlteredFrame] },
        { "clone-open", null, [Reasons.OpenPathConflict] },
        { "compromised-batch", "open", [Reasons.OpenPathConflict] },
        { "mitm-open", null, [Reasons.OpenPathConflict] },
        { "mitm-open-witness", null, [Reasons.OpenPathConflict, Reasons.WitnessDisagreement] },
        { "eavesdropper", null, [Reasons.OpenPathConflict] },
        { "tamper", null, [Reasons.AlteredFrame] },
    };

    [Theory]
    [MemberData(nameof(Attacks))]
    public void AttackIsCaughtWithItsOwnReasonWithinOneFrame(string scenario, string? path, byte[] reasons)
    {
        ScenarioDefinition definition = ScenarioCatalogue.Find(scenario);
        if (path != null) definition = definition with { Path = path };
        var run = new EndToEndRun(definition);
        var genuine = new GenuineFrames(run.Run.Devices);
        run.Execute();

        RoleMembers targets = run.Run.Roles["target"];
        Assert.NotEmpty(targets.DeviceIds);
        foreach (SimulatedBoard board in run.Run.Devices.Where(b => targets.DeviceIds.Contains(run.Run.DeviceIdOf(b))))
        {
            ulong id = run.Run.DeviceIdOf(board);
            (int divergent, int caught, IReadOnlyList<JudgedPublish> frames) = genuine.Locate(run, id, board.Name, reasons);
            Assert.True(divergent >= 0, $"{board.Name}: no frame diverged from what the board sent: the attack never happened");
            Assert.True(caught >= 0 && caught - divergent <= 1,
                $"{board.Name}: divergent frame #{divergent} ({frames[divergent].Judgement.Explanation}), first judgement with "
                + $"{string.Join("/", reasons.Select(ReasonNames.Of))}: #{caught}\n"
                + string.Join("\n", frames.Skip(divergent).Take(4).Select(j => $"{j.Connection}: {j.Judgement.Explanation}")));
            if (definition.Path == "open") Standing.AssertNoWorseThanMonitored(run, id);
            Traffic.AssertNoResendStorm(run, id, board.Name);
        }
    }
}
