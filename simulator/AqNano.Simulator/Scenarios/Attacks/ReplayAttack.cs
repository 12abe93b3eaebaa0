using AqNano.Firmware.Core.Ports;
using AqNano.Protocol;

namespace AqNano.Simulator.Scenarios.Attacks;

/// <summary>"replay": records the target's frames as they cross the network, then from the attack's
/// minute republishes Count of them, oldest first, one every EverySeconds, from its own connection.
/// DESIGN.md: a duplicate (ignored) or stale (refused); no state change.</summary>
public sealed class ReplayAttack : AttackBase
{
    private readonly List<byte[]> _recorded = new();

    public override string Kind => "replay";

    protected override void Setup(ScenarioRun run, AttackSpec spec)
    {
        var target = run.Devices[spec.Target];
        ulong id = run.DeviceIdOf(target);
        run.Roles["target"].Add(id, target.Name);
        run.Roles["attacker"].Add(id, "attacker-replay");
        long start = run.MinutesToUs(spec.AtMinute);
        target.FrameSent += (_, topic, frame) =>
        {
            if (run.Scheduler.NowUs < start && topic.EndsWith(Topics.ObservationSuffix, StringComparison.Ordinal)) _recorded.Add(frame);
        };
        IUplink? attacker = null;
        for (int i = 0; i < spec.Count; i++)
        {
            int index = i;
            run.Scheduler.At(start + (long)(index * spec.EverySeconds * 1_000_000), () =>
            {
                attacker ??= run.ConnectAttacker("attacker-replay");
                if (index >= _recorded.Count)
                {
                    if (index == _recorded.Count) Note($"only {_recorded.Count} frames were recorded");
                    return;
                }
                byte[] frame = _recorded[index];
                attacker.Publish(Topics.Observation(id), frame, 0, frame.Length, false);
                ActionCount++;
                if (index == 0) Note($"replaying {Math.Min(spec.Count, _recorded.Count)} recorded frames of {target.Name}");
            });
        }
    }
}
