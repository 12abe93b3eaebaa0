using AqNano.Firmware.Core.Ports;
using AqNano.Protocol;
using AqNano.Protocol.Frames;
using AqNano.Simulator.Models;

namespace AqNano.Simulator.Scenarios.Attacks;

/// <summary>"spoofed-decision": publishes, retained, a Decision granting the target AdmitFull and
/// every scope, for the target's current epoch and seq, Count times every EverySeconds. DESIGN.md
/// "Topics": only the verifier publishes on decision topics; the broker must refuse these.</summary>
public sealed class SpoofedDecisionAttack : AttackBase
{
    public override string Kind => "spoofed-decision";

    protected override void Setup(ScenarioRun run, AttackSpec spec)
    {
        var target = run.Devices[spec.Target];
        ulong id = run.DeviceIdOf(target);
        run.Roles["target"].Add(id, target.Name);
        run.Roles["attacker"].Add(id, "attacker-decision");
        SeededRandom random = run.Random("spoofed-decision", spec.Target);
        IUplink? attacker = null;
        long start = run.MinutesToUs(spec.AtMinute);
        for (int i = 0; i < spec.Count; i++)
        {
            run.Scheduler.At(start + (long)(i * spec.EverySeconds * 1_000_000), () =>
            {
                attacker ??= run.ConnectAttacker("attacker-decision");
                Frame decision = new()
                {
                    Kind = FrameKind.Decision,
                    DeviceId = id,
                    Epoch = target.Program?.Epoch ?? 0,
                    Seq = target.Program?.LastSeq ?? 0,
                    UptimeUs = (ulong)(run.Scheduler.UnixStartMs * 1000 + run.Scheduler.NowUs),
                    Mode = DecisionMode.AdmitFull,
                    Reason = Reasons.None,
                    GrantedScope = Scopes.All,
                };
                random.Fill(decision.AckFrameDigest, 0, decision.AckFrameDigest.Length);
                byte[] bytes = new byte[decision.EncodedLength];
                FrameCodec.Write(decision, bytes, 0);
                if (attacker.Publish(Topics.Decision(id), bytes, 0, bytes.Length, retain: true)) ActionCount++;
            });
        }
        run.Scheduler.At(start, () => Note($"publishing {spec.Count} forged AdmitFull decisions for {target.Name}"));
    }
}
