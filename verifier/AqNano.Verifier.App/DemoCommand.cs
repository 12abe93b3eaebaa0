using System.CommandLine;
using AqNano.Protocol;
using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;
using AqNano.Protocol.Host;

namespace AqNano.Verifier.App;

/// <summary>`aqnano demo`. Until the verifier and simulator land (issues 5, 4, 6) it builds an
/// honest chain from seeded samples and verifies it link by link, printing each frame.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var frames = new Option<int>("--frames") { Description = "How many frames after the Genesis.", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated samples.", DefaultValueFactory = _ => 1 };
        var command = new Command("demo", "Run the demonstration: an honest chain, built and verified link by link.") { frames, seed };
        command.SetAction(result => Run(result.GetValue(frames), result.GetValue(seed)));
        return command;
    }

    private static int Run(int frameCount, int seed)
    {
        var math = new ChainMath(new HostHmacSha256());
        var random = new Random(seed);
        var chipId = new byte[6];
        random.NextBytes(chipId);
        ulong deviceId = math.DeviceId(chipId, 0, chipId.Length);
        ulong epoch = (ulong)random.NextInt64();
        var raw = new byte[128];
        var mix = new byte[32];
        var state = new byte[32];
        var nextKey = new byte[32];
        var commitment = new byte[32];
        var digest = new byte[32];
        var buffer = new byte[FrameLayout.MaxFrameSize];
        var frame = new Frame { DeviceId = deviceId, Epoch = epoch, RequestedScope = Scopes.Observe | Scopes.Telemetry };
        Console.WriteLine($"device {Hex.FromWire(deviceId)} epoch {Hex.FromWire(epoch)} on {Topics.Observation(deviceId)}");

        for (uint seq = 0; seq <= frameCount; seq++)
        {
            random.NextBytes(raw);
            math.Mix(raw, 0, raw.Length, mix, 0);
            ulong uptime = 1_000_000UL + seq * 10_000_000UL;
            if (seq == 0) math.Seed(deviceId, epoch, mix, 0, state, 0);
            else math.Advance(state, 0, seq, uptime, mix, 0);

            frame.Kind = seq == 0 ? FrameKind.Genesis : FrameKind.Observation;
            frame.Seq = seq;
            frame.UptimeUs = uptime;
            frame.ResetCause = seq == 0 ? ResetCause.PowerOn : ResetCause.Unknown;
            Array.Copy(nextKey, frame.Reveal, 32);
            if (seq == 0) Array.Clear(frame.Reveal);
            math.NextKey(state, 0, nextKey, 0);
            math.Commit(nextKey, 0, frame.Commit, 0);
            int length = FrameCodec.Write(frame, buffer, 0);
            math.Seal(buffer, 0, length, nextKey, 0, digest, 0);

            string check = "genesis";
            if (seq > 0)
            {
                bool opens = math.Opens(frame.Reveal, 0, commitment, 0);
                check = opens ? "reveal opens the previous commitment" : "BROKEN LINK";
            }
            Console.WriteLine($"seq {seq,3} {frame.Kind,-11} {length} bytes digest {Hex.FromBytes(digest, 0, 8)}… {check}");
            Array.Copy(frame.Commit, commitment, 32);
        }
        return 0;
    }
}
