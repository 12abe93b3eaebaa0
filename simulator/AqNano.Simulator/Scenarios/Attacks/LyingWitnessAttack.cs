namespace AqNano.Simulator.Scenarios.Attacks;

/// <summary>"lying-witness": the scenario's first gateway (a registered witness) reports wrong
/// digests for what it hears from the attack's minute on. DESIGN.md "Witnesses": a disagreeing
/// witness makes the subject Deferred or Monitored (an incident), never quarantined.</summary>
public sealed class LyingWitnessAttack : AttackBase
{
    public override string Kind => "lying-witness";

    protected override void Setup(ScenarioRun run, AttackSpec spec)
    {
        if (run.Gateways.Count == 0) throw new ScenarioException("lying-witness needs at least one gateway");
        var gateway = run.Gateways[0];
        run.Roles["liar"].Add(run.DeviceIdOf(gateway), gateway.Name);
        foreach (var device in run.Devices)
        {
            if (device.Hardware.Beacon.IsAvailable) run.Roles["target"].Add(run.DeviceIdOf(device), device.Name);
        }
        LyingBeaconRadio liar = new(gateway.Hardware.Beacon, run.Scheduler, run.MinutesToUs(spec.AtMinute));
        gateway.Hardware.BeaconPort = liar;
        run.Scheduler.At(run.MinutesToUs(spec.AtMinute), () => Note($"{gateway.Name} starts reporting inverted digests"));
        run.Scheduler.At(run.MinutesToUs(run.Duration.TotalMinutes) - 1, () =>
        {
            ActionCount = liar.LiesTold;
            Note($"{gateway.Name} told {liar.LiesTold} lies");
        });
    }
}
