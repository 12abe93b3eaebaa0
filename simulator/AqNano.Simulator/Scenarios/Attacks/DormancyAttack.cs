using AqNano.Simulator.Network;

namespace AqNano.Simulator.Scenarios.Attacks;

/// <summary>"dormancy": the target stays powered but unreachable from the attack's minute for
/// ForMinutes (a long network dormancy). DESIGN.md "Delivery": while the uplink is down the device
/// makes no frames, the chain pauses and nothing is lost; it resumes the same epoch.</summary>
public sealed class DormancyAttack : AttackBase
{
    public override string Kind => "dormancy";

    protected override void Setup(ScenarioRun run, AttackSpec spec)
    {
        var target = run.Devices[spec.Target];
        run.Roles["target"].Add(run.DeviceIdOf(target), target.Name);
        long start = run.MinutesToUs(spec.AtMinute);
        long end = run.MinutesToUs(spec.AtMinute + spec.ForMinutes);
        // The network model's own outage window, in front of whatever transport the board uses.
        LinkConditions dormant = new() { Outages = new[] { new OutageWindow(start, end) } };
        target.UplinkWrapper = inner => new ModelledUplink(inner, dormant, run.Scheduler, run.Random("dormancy", spec.Target));
        run.Scheduler.At(start, () => { ActionCount++; Note($"{target.Name} goes dormant for {spec.ForMinutes} min"); });
        run.Scheduler.At(end, () => Note($"{target.Name} is reachable again"));
    }
}
