using AqNano.Protocol;

namespace AqNano.Verifier.Chains;

/// <summary>Everything the verifier keeps per device (DESIGN.md "Per-device state stays small and fixed"):
/// fixed-size fields only, serialised by <see cref="DeviceStateCodec"/> to exactly
/// <see cref="DeviceStateCodec.Size"/> bytes. Mutated only under the device's lock.</summary>
public sealed class DeviceState
{
    public const int RingCapacity = 4;
    public const int HullCapacity = 5;
    public const int RecentEpochCapacity = 4;
    public const int EpochFilterBytes = 32;
    /// <summary>Tags are kept as their first 128 bits: a forgery still needs 2^128 tries
    /// (NIST SP 800-107 r1 section 5.3.3 allows truncated HMAC tags of at least 64 bits).</summary>
    public const int TagPrefixSize = 16;

    public ulong DeviceId;

    // The canonical chain: the last accepted frame and what the next must open.
    public ulong Epoch;
    public uint LastSeq;
    public readonly byte[] NextCommit = new byte[32];
    public readonly byte[] PendingTag = new byte[TagPrefixSize];
    public byte PendingFlags;
    public ushort PendingRequestedScope;
    public ushort PendingFeatureMask;
    /// <summary>The last frame's features (wire values): they count only once its tag checks.</summary>
    public readonly int[] PendingFeatures = new int[8];

    // Continuity.
    public long EpochStartMs;
    public long LastAcceptedMs;
    public ulong LastUptimeUs;
    /// <summary>Measured interval between accepted links (moving average), 0 until measured.</summary>
    public float IntervalMs;
    public uint LinksInEpoch;
    public ushort GapsInEpoch;
    /// <summary>Tag-checked, consistent links: deepens monotonically, drops to 0 at divergence.</summary>
    public uint ContinuityDepth;

    // Ring of the last accepted (reveal, digest), indexed by seq modulo the capacity; contiguous, ending at LastSeq.
    public byte RingCount;
    public readonly byte[] RingReveals = new byte[RingCapacity * 32];
    public readonly byte[] RingDigests = new byte[RingCapacity * 32];

    // Fork slot: the first conflicting frame and the frames that continue it.
    public ulong ForkEpoch;
    public uint ForkSeq;
    public readonly byte[] ForkCommit = new byte[32];
    public ushort ForkLinks;

    public readonly CandidateSlot[] Candidates = { new(), new() };

    // The epoch replaced by the last promotion: its next commitment is kept for the keep period.
    public ulong ClosedEpoch;
    public uint ClosedSeq;
    public readonly byte[] ClosedCommit = new byte[32];
    public long KeepUntilMs;

    public readonly ulong[] RecentEpochs = new ulong[RecentEpochCapacity];
    public readonly byte[] EpochFilter = new byte[EpochFilterBytes];

    /// <summary>First 8 bytes of SHA-256 of the owning connection's label.</summary>
    public ulong OwnerHash;

    // Counters.
    public uint Accepted;
    public ushort Conflicts;
    public ushort ForkFrames;
    public ushort Incidents;
    public ushort AlteredFrames;
    public ushort WitnessAgreements;
    public ushort WitnessDisagreements;

    // Standing and grant.
    public StandingFlags Flags;
    public DecisionMode Mode = DecisionMode.Deferred;
    public byte Reason;
    public ushort GrantedScope = Scopes.Observe;
    public ushort RequestedScope;
    /// <summary>Scope the last grant was verified from; a grant that fails its verification falls back to it.</summary>
    public ushort GrantBaseScope = Scopes.Observe;
    public byte GrantVerifyRemaining;
    public long LastSeenMs;

    // Fingerprint: Welford statistics per feature (count saturates: older history then weighs less).
    public readonly ushort[] FeatureCount = new ushort[8];
    public readonly float[] FeatureMean = new float[8];
    public readonly float[] FeatureM2 = new float[8];

    // Clock: lower hull of (uptimeUs, offsetUs = receiveUs - uptimeUs) points of the current epoch.
    public byte HullCount;
    public readonly ulong[] HullUptimeUs = new ulong[HullCapacity];
    public readonly long[] HullOffsetUs = new long[HullCapacity];
    /// <summary>How far this epoch's envelope has been lowered for delivery lag (ms, see
    /// <c>EvidenceThresholds.DeliveryLagToleranceMs</c>): the allowance is per epoch, so a clock that keeps
    /// running ahead in steps within it is still caught once the steps add up.</summary>
    public uint ClockLagLoweredMs;
    /// <summary>The skew measured in earlier epochs (NaN when none): a new epoch is compared with it.</summary>
    public float HistoricSkewPpm = float.NaN;

    public bool Has(StandingFlags flag) => (Flags & flag) == flag;

    public void Set(StandingFlags flag, bool on) => Flags = on ? Flags | flag : Flags & ~flag;

    public int RingIndex(uint seq) => (int)(seq % RingCapacity) * 32;

    /// <summary>True when seq's (reveal, digest) is still in the ring.</summary>
    public bool InRing(uint seq) => seq <= LastSeq && LastSeq - seq < RingCount;

}
