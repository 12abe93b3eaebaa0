using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;
using AqNano.Protocol.Host;

namespace AqNano.Fuzz.Ingest;

/// <summary>The genuine chains among the seed frames: for each device id, in seed order, its first
/// Genesis and then each frame of the same epoch that parses, has the next seq and whose reveal opens
/// the previous commitment (checked here with ChainMath, so that the vectors' invalid frames, replayed
/// Genesis frames and other epochs never end up in the priming).</summary>
public static class HonestChains
{
    public static IReadOnlyList<IReadOnlyList<byte[]>> Find(IReadOnlyList<byte[]> seeds)
    {
        var math = new ChainMath(new HostHmacSha256());
        var chains = new List<IReadOnlyList<byte[]>>();
        var devices = new HashSet<ulong>();
        var frame = new Frame();
        var tail = new Frame();
        foreach (byte[] genesis in seeds)
        {
            if (!FrameCodec.TryParse(genesis, 0, genesis.Length, frame, out _) || frame.Kind != FrameKind.Genesis || !devices.Add(frame.DeviceId)) continue;
            var chain = new List<byte[]> { genesis };
            tail.CopyFrom(frame);
            bool grew = true;
            while (grew)
            {
                grew = false;
                foreach (byte[] link in seeds)
                {
                    if (!FrameCodec.TryParse(link, 0, link.Length, frame, out _) || frame.Kind == FrameKind.Genesis || frame.Kind == FrameKind.Decision) continue;
                    if (frame.DeviceId != tail.DeviceId || frame.Epoch != tail.Epoch || frame.Seq != tail.Seq + 1) continue;
                    if (!math.Opens(frame.Reveal, 0, tail.Commit, 0)) continue;
                    chain.Add(link);
                    tail.CopyFrom(frame);
                    grew = true;
                    break;
                }
            }
            chains.Add(chain);
        }
        return chains;
    }
}
