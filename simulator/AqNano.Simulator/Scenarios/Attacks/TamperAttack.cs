namespace AqNano.Simulator.Scenarios.Attacks;

/// <summary>"tamper": alters a feature of the target's frames in flight, Count frames from the
/// attack's minute. Expected: the frame is marked altered when the next link reveals the key, the
/// device is capped at AdmitMonitored with an incident.</summary>
public sealed class TamperAttack : AttackBase
{
    public override string Kind => "tamper";

    protected override void Setup(ScenarioRun run, AttackSpec spec)
    {
        var target = run.Devices[spec.Target];
        run.Roles["target"].Add(run.DeviceIdOf(target), target.Name);
        target.UplinkWrapper = inner => new TamperingUplink(inner, run.Scheduler, run.MinutesToUs(spec.AtMinute), spec.Count, seq =>
        {
            ActionCount++;
            Note($"altered a feature of {target.Name}'s seq {seq} in flight");
        });
    }
}
