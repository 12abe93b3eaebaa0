using AqNano.Protocol.Frames;

namespace AqNano.VectorGen;

/// <summary>One chain-link frame with every intermediate value that made it (DESIGN.md "The chain").</summary>
internal sealed record LinkRecord(
    Frame Frame, byte[] Raw, byte[] Mix, byte[] State, byte[] RevealR, byte[] NextR,
    byte[] CommitC, byte[] FrameDigest, byte[] Tag, byte[] Encoded);
