namespace AqNano.Verifier.Lineage;

/// <summary>Decides, from the ledger alone, which recorded reveals may leave the verifier
/// (DESIGN.md "Disclosure": reveals only of seqs that have left the ring). The verifier's ring
/// holds the newest K accepted links of each device and epoch; anyone holding one of those
/// reveals could forge a conflicting frame and get an honest device quarantined. So for every
/// (chain owner, epoch), every recorded frame whose seq is above (newest accepted seq - K) has its
/// reveal withheld: the accepted frames in the ring, conflicts and forks carrying the same
/// reveals, and the device's own frames beyond the newest accepted one (a gap's reveal is still
/// secret). An epoch with no accepted frame withholds all of its reveals. Accepted frames are the
/// records of kind "frame" (the verifier writes refused input as "refusal").</summary>
public sealed class RevealDisclosure
{
    public const int DefaultRingSize = 8;
    public const string AcceptedFrameKind = "frame";

    private readonly int ringSize;
    private readonly Dictionary<(ulong Device, ulong Epoch), long> newestAccepted = new();

    public RevealDisclosure(int ringSize = DefaultRingSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ringSize);
        this.ringSize = ringSize;
    }

    /// <summary>First pass: learn each chain's newest accepted seq.</summary>
    public void Observe(LedgerEntry entry)
    {
        if (entry.Kind != AcceptedFrameKind) return;
        if (RevealLocation.Find(entry.Frame, out var link) != RevealLocation.Kind.Located) return;
        var key = (link.DeviceId, link.Epoch);
        if (!newestAccepted.TryGetValue(key, out long newest) || link.Seq > newest)
        {
            newestAccepted[key] = link.Seq;
        }
    }

    /// <summary>Second pass: the frame as it may be disclosed (a copy when anything is withheld).</summary>
    public byte[] Redact(LedgerEntry entry, out Withheld withheld)
    {
        switch (RevealLocation.Find(entry.Frame, out var link))
        {
            case RevealLocation.Kind.NoReveal:
                withheld = Withheld.None;
                return entry.Frame;
            case RevealLocation.Kind.Unlocatable:
                withheld = Withheld.Frame;
                return new byte[entry.Frame.Length];
        }
        bool inRing = !newestAccepted.TryGetValue((link.DeviceId, link.Epoch), out long newest)
            || link.Seq > newest - ringSize;
        if (!inRing)
        {
            withheld = Withheld.None;
            return entry.Frame;
        }
        withheld = Withheld.Reveal;
        var copy = (byte[])entry.Frame.Clone();
        Array.Clear(copy, link.RevealOffset, LedgerHashing.HashSize);
        return copy;
    }
}
