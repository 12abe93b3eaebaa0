using AqNano.Firmware.Core.Ports;
using AqNano.Protocol;
using AqNano.Simulator.Models;

namespace AqNano.Simulator.Scenarios.Attacks;

/// <summary>"malformed-flood": Count bad payloads on the target's obs topic from the attacker's own
/// connection, one every EverySeconds from the attack's minute, cycling through the ways a frame can
/// be wrong: random bytes, a truncated real frame, bad magic, bad version, a reserved bit set, and a
/// valid frame of another id on this topic. Each must be refused with a typed reason and change nothing.</summary>
public sealed class MalformedFloodAttack : AttackBase
{
    private byte[]? _lastRealFrame;
    private byte[]? _otherDeviceFrame;

    public override string Kind => "malformed-flood";

    protected override void Setup(ScenarioRun run, AttackSpec spec)
    {
        var target = run.Devices[spec.Target];
        ulong id = run.DeviceIdOf(target);
        run.Roles["target"].Add(id, target.Name);
        run.Roles["attacker"].Add(id, "attacker-flood");
        target.FrameSent += (_, topic, frame) => { if (topic.EndsWith(Topics.ObservationSuffix, StringComparison.Ordinal)) _lastRealFrame = frame; };
        if (run.Devices.Count > 1)
        {
            run.Devices[(spec.Target + 1) % run.Devices.Count].FrameSent += (_, topic, frame) =>
            {
                if (topic.EndsWith(Topics.ObservationSuffix, StringComparison.Ordinal)) _otherDeviceFrame = frame;
            };
        }
        SeededRandom random = run.Random("malformed-flood", spec.Target);
        IUplink? attacker = null;
        long start = run.MinutesToUs(spec.AtMinute);
        for (int i = 0; i < spec.Count; i++)
        {
            int index = i;
            run.Scheduler.At(start + (long)(index * spec.EverySeconds * 1_000_000), () =>
            {
                attacker ??= run.ConnectAttacker("attacker-flood");
                byte[] garbage = Make(index % 6, random);
                if (attacker.Publish(Topics.Observation(id), garbage, 0, garbage.Length, false)) ActionCount++;
            });
        }
        run.Scheduler.At(start, () => Note($"flooding {target.Name}'s obs topic with {spec.Count} malformed frames"));
    }

    private byte[] Make(int variant, SeededRandom random)
    {
        byte[]? real = _lastRealFrame;
        switch (variant)
        {
            case 1 when real != null:
                return real.AsSpan(0, 1 + random.NextInt(real.Length - 1)).ToArray();
            case 2 when real != null:
                return Altered(real, 0, 0x58);
            case 3 when real != null:
                return Altered(real, 2, 2);
            case 4 when real != null:
                return Altered(real, 32, (byte)(real[32] | 0x80));
            case 5 when _otherDeviceFrame != null:
                return _otherDeviceFrame;
            default:
                byte[] noise = new byte[1 + random.NextInt(200)];
                random.Fill(noise, 0, noise.Length);
                return noise;
        }
    }

    private static byte[] Altered(byte[] frame, int offset, byte value)
    {
        byte[] copy = (byte[])frame.Clone();
        copy[offset] = value;
        return copy;
    }
}
