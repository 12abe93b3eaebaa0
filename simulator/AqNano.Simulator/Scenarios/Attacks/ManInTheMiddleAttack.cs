using AqNano.Protocol.Frames;

namespace AqNano.Simulator.Scenarios.Attacks;

/// <summary>"mitm": holds back and rewrites the target's frames on its own path (DESIGN.md "hold
/// back frame n and send n' first"). n' is accepted; the device learns it from the Decision's
/// ackFrameDigest and resends its own n: a conflict. A registered gateway hearing the device's
/// beacons (a scenario with a gateway) reports the real digest and disagrees with n'.</summary>
public sealed class ManInTheMiddleAttack : AttackBase
{
    public override string Kind => "mitm";

    protected override void Setup(ScenarioRun run, AttackSpec spec)
    {
        var target = run.Devices[spec.Target];
        ulong id = run.DeviceIdOf(target);
        run.Roles["target"].Add(id, target.Name);
        FrameForge forge = new(run.Random("mitm", spec.Target));
        target.UplinkWrapper = inner => new ManInTheMiddleUplink(inner, run.Scheduler, forge,
            run.MinutesToUs(spec.AtMinute), (long)(spec.HoldSeconds * 1_000_000), spec.Count, Held);
    }

    private void Held(Frame frame)
    {
        ActionCount++;
        Note($"held back seq {frame.Seq} of epoch {AqNano.Protocol.Hex.FromWire(frame.Epoch)} and sent a rewritten one first");
    }
}
