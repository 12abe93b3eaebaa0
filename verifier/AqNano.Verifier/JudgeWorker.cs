using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;
using AqNano.Protocol.Host;
using AqNano.Verifier.Chains;
using AqNano.Verifier.Policy;

namespace AqNano.Verifier;

/// <summary>Per-thread scratch of the judging path: ChainMath and the rules own scratch buffers and are not
/// thread-safe, so each judging thread has its own, and the hot path allocates no frame buffers.</summary>
internal sealed class JudgeWorker(VerifierPolicy policy)
{
    public readonly byte[] Buffer = new byte[FrameLayout.MaxFrameSize];
    public readonly Frame Frame = new();
    public readonly ChainMath Math = new(new HostHmacSha256());
    public readonly ChainRules Rules = new(new ChainMath(new HostHmacSha256()), policy);
}
