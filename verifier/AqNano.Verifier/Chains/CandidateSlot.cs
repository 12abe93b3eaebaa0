namespace AqNano.Verifier.Chains;

/// <summary>A candidate epoch for a known id (DESIGN.md "Genesis for a known id"): advanced by its own
/// links, Deferred, promoted once it linked again while the current epoch missed a link.</summary>
public sealed class CandidateSlot
{
    public const int SerializedSize = 8 + 4 + 32 + 32 + DeviceState.TagPrefixSize + 8 + 8 + 2 + 1;

    public ulong Epoch;
    public uint LastSeq;
    public readonly byte[] NextCommit = new byte[32];
    public readonly byte[] LastDigest = new byte[32];
    public readonly byte[] PendingTag = new byte[DeviceState.TagPrefixSize];
    public long FirstSeenMs;
    public long LastLinkMs;
    /// <summary>Links after the Genesis; 0 for an empty slot is told apart by <see cref="Epoch"/> 0 and <see cref="InUse"/>.</summary>
    public ushort Links;
    public bool InUse;
    public bool Witnessed;
    /// <summary>Some frame of this candidate came over an open path.</summary>
    public bool OpenPath;

    public void Clear()
    {
        Epoch = 0; LastSeq = 0; FirstSeenMs = 0; LastLinkMs = 0; Links = 0; InUse = false; Witnessed = false; OpenPath = false;
        Array.Clear(NextCommit); Array.Clear(LastDigest); Array.Clear(PendingTag);
    }
}
