using AqNano.Protocol.Frames;

namespace AqNano.Simulator.Scenarios.Attacks;

/// <summary>"reboot-storm": the target resets Count times, every EverySeconds from the attack's
/// minute (brownout and watchdog alternating, as a failing supply does). Each boot is a new epoch
/// that cryptography cannot link to the last.</summary>
public sealed class RebootStormAttack : AttackBase
{
    public override string Kind => "reboot-storm";

    protected override void Setup(ScenarioRun run, AttackSpec spec)
    {
        var target = run.Devices[spec.Target];
        run.Roles["target"].Add(run.DeviceIdOf(target), target.Name);
        long start = run.MinutesToUs(spec.AtMinute);
        for (int i = 0; i < spec.Count; i++)
        {
            ResetCause cause = i % 2 == 0 ? ResetCause.Brownout : ResetCause.Watchdog;
            run.Scheduler.At(start + (long)(i * spec.EverySeconds * 1_000_000), () =>
            {
                target.Reboot(cause);
                run.CountReboot();
                ActionCount++;
            });
        }
        run.Scheduler.At(start, () => Note($"{target.Name} will reset {spec.Count} times, every {spec.EverySeconds} s"));
    }
}
