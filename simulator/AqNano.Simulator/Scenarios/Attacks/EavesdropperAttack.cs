using AqNano.Firmware.Core.Ports;
using AqNano.Protocol;
using AqNano.Protocol.Frames;

namespace AqNano.Simulator.Scenarios.Attacks;

/// <summary>"eavesdropper": reads the target's frames off the network (an open path) and, HoldSeconds
/// after each of Count Observations from the attack's minute, publishes a competing frame with the
/// seen reveal from its own connection. The real frame arrived first: the copy is a conflict that
/// on an open path proves nothing about the device (AdmitMonitored at most, an incident).</summary>
public sealed class EavesdropperAttack : AttackBase
{
    private readonly Frame _seen = new();

    public override string Kind => "eavesdropper";

    protected override void Setup(ScenarioRun run, AttackSpec spec)
    {
        var target = run.Devices[spec.Target];
        ulong id = run.DeviceIdOf(target);
        run.Roles["target"].Add(id, target.Name);
        run.Roles["attacker"].Add(id, "attacker-eavesdropper");
        FrameForge forge = new(run.Random("eavesdropper", spec.Target));
        long start = run.MinutesToUs(spec.AtMinute);
        int remaining = spec.Count;
        IUplink? attacker = null;
        target.FrameSent += (sender, topic, frame) =>
        {
            if (remaining <= 0 || run.Scheduler.NowUs < start || !topic.EndsWith(Topics.ObservationSuffix, StringComparison.Ordinal)) return;
            if (!FrameCodec.TryParse(frame, 0, frame.Length, _seen, out _) || _seen.Kind != FrameKind.Observation) return;
            remaining--;
            byte[] competing = forge.CompeteWith(_seen, Rewrites.ClaimEverything);
            uint seq = _seen.Seq;
            run.Scheduler.At(run.Scheduler.NowUs + (long)(spec.HoldSeconds * 1_000_000), () =>
            {
                attacker ??= run.ConnectAttacker("attacker-eavesdropper");
                if (attacker.Publish(topic, competing, 0, competing.Length, false))
                {
                    ActionCount++;
                    Note($"injected a competing seq {seq} for {target.Name}");
                }
            });
        };
    }
}
