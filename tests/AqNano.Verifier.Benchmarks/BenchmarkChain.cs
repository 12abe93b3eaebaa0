using AqNano.Protocol;
using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;
using AqNano.Protocol.Host;

namespace AqNano.Verifier.Benchmarks;

/// <summary>Pre-built honest chains (Genesis + links, 8 features), so that the benchmark measures judging only.</summary>
internal static class BenchmarkChain
{
    public static List<byte[]> Build(ulong deviceId, ulong epoch, int links, int seed)
    {
        var math = new ChainMath(new HostHmacSha256());
        var random = new Random(seed);
        var raw = new byte[96];
        var mix = new byte[32];
        var state = new byte[32];
        var key = new byte[32];
        var digest = new byte[32];
        var frames = new List<byte[]>();
        for (uint seq = 0; seq <= links; seq++)
        {
            random.NextBytes(raw);
            math.Mix(raw, 0, raw.Length, mix, 0);
            ulong uptime = 1_000_000UL + seq * 5_000_000UL;
            var frame = new Frame
            {
                Kind = seq == 0 ? FrameKind.Genesis : FrameKind.Observation, DeviceId = deviceId, Epoch = epoch, Seq = seq,
                UptimeUs = uptime, RequestedScope = Scopes.All, FeatureMask = Features.AllMask,
                ResetCause = seq == 0 ? ResetCause.PowerOn : ResetCause.Unknown,
            };
            for (int i = 0; i < Features.Count; i++) frame.Features[i] = 1000 * (i + 1) + random.Next(50);
            if (seq == 0) math.Seed(deviceId, epoch, mix, 0, state, 0);
            else
            {
                key.CopyTo(frame.Reveal, 0);
                math.Advance(state, 0, seq, uptime, mix, 0);
            }
            math.NextKey(state, 0, key, 0);
            math.Commit(key, 0, frame.Commit, 0);
            var buffer = new byte[frame.EncodedLength];
            int length = FrameCodec.Write(frame, buffer, 0);
            math.Seal(buffer, 0, length, key, 0, digest, 0);
            frames.Add(buffer);
        }
        return frames;
    }
}
