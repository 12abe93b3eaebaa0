using AqNano.Protocol;

namespace AqNano.Verifier.Chains;

/// <summary>The fixed layout of <see cref="DeviceState"/> for <c>IDeviceStateStore</c>: a version byte and
/// the fields in declaration order, little-endian. <see cref="Size"/> bytes per device, always.</summary>
public static class DeviceStateCodec
{
    /// <summary>2 added the epoch's delivery-lag allowance spent (<see cref="DeviceState.ClockLagLoweredMs"/>)
    /// at the end; a layout-1 blob (<see cref="LayoutOneSize"/> bytes) still decodes, with none spent, so a
    /// verifier upgraded on an existing store keeps its devices.</summary>
    public const byte LayoutVersion = 2;

    public const int LayoutOneSize = Size - 4;

    public const int Size =
        1 + 8                                           // version, deviceId
        + 8 + 4 + 32 + DeviceState.TagPrefixSize        // epoch, lastSeq, nextCommit, pendingTag
        + 1 + 2 + 2 + 8 * 4                             // pending flags, scope, featureMask, features
        + 8 + 8 + 8 + 4 + 4 + 2 + 4                     // continuity
        + 1 + 2 * DeviceState.RingCapacity * 32         // ring
        + 8 + 4 + 32 + 2                                // fork slot
        + 2 * CandidateSlot.SerializedSize              // candidates
        + 8 + 4 + 32 + 8                                // closed epoch
        + 8 * DeviceState.RecentEpochCapacity + DeviceState.EpochFilterBytes
        + 8                                             // owner
        + 4 + 2 * 6                                     // counters
        + 4 + 1 + 1 + 2 + 2 + 2 + 1 + 8                 // standing and grant
        + 8 * (2 + 4 + 4)                               // feature statistics
        + 1 + DeviceState.HullCapacity * 16 + 4         // clock hull, historic skew
        + 4;                                            // delivery lag allowance spent (layout 2)

    public static byte[] Encode(DeviceState s)
    {
        var buffer = new byte[Size];
        var w = new StateWriter(buffer);
        w.U8(LayoutVersion); w.U64(s.DeviceId);
        w.U64(s.Epoch); w.U32(s.LastSeq); w.Bytes(s.NextCommit); w.Bytes(s.PendingTag);
        w.U8(s.PendingFlags); w.U16(s.PendingRequestedScope); w.U16(s.PendingFeatureMask);
        foreach (int feature in s.PendingFeatures) w.U32((uint)feature);
        w.I64(s.EpochStartMs); w.I64(s.LastAcceptedMs); w.U64(s.LastUptimeUs); w.F32(s.IntervalMs);
        w.U32(s.LinksInEpoch); w.U16(s.GapsInEpoch); w.U32(s.ContinuityDepth);
        w.U8(s.RingCount); w.Bytes(s.RingReveals); w.Bytes(s.RingDigests);
        w.U64(s.ForkEpoch); w.U32(s.ForkSeq); w.Bytes(s.ForkCommit); w.U16(s.ForkLinks);
        foreach (CandidateSlot c in s.Candidates)
        {
            w.U64(c.Epoch); w.U32(c.LastSeq); w.Bytes(c.NextCommit); w.Bytes(c.LastDigest); w.Bytes(c.PendingTag);
            w.I64(c.FirstSeenMs); w.I64(c.LastLinkMs); w.U16(c.Links);
            w.U8((byte)((c.InUse ? 1 : 0) | (c.Witnessed ? 2 : 0) | (c.OpenPath ? 4 : 0)));
        }
        w.U64(s.ClosedEpoch); w.U32(s.ClosedSeq); w.Bytes(s.ClosedCommit); w.I64(s.KeepUntilMs);
        foreach (ulong epoch in s.RecentEpochs) w.U64(epoch);
        w.Bytes(s.EpochFilter);
        w.U64(s.OwnerHash);
        w.U32(s.Accepted);
        w.U16(s.Conflicts); w.U16(s.ForkFrames); w.U16(s.Incidents); w.U16(s.AlteredFrames);
        w.U16(s.WitnessAgreements); w.U16(s.WitnessDisagreements);
        w.U32((uint)s.Flags); w.U8((byte)s.Mode); w.U8(s.Reason); w.U16(s.GrantedScope); w.U16(s.RequestedScope);
        w.U16(s.GrantBaseScope); w.U8(s.GrantVerifyRemaining); w.I64(s.LastSeenMs);
        for (int i = 0; i < 8; i++) { w.U16(s.FeatureCount[i]); w.F32(s.FeatureMean[i]); w.F32(s.FeatureM2[i]); }
        w.U8(s.HullCount);
        for (int i = 0; i < DeviceState.HullCapacity; i++) { w.U64(s.HullUptimeUs[i]); w.I64(s.HullOffsetUs[i]); }
        w.F32(s.HistoricSkewPpm);
        w.U32(s.ClockLagLoweredMs);
        if (w.Position != Size) throw new InvalidOperationException($"state layout wrote {w.Position} bytes, expected {Size}");
        return buffer;
    }

    /// <summary>Decodes a stored blob; false (state untouched) when it is neither this layout nor layout 1.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> buffer, out DeviceState state)
    {
        state = new DeviceState();
        bool current = buffer.Length == Size && buffer[0] == LayoutVersion;
        bool layoutOne = buffer.Length == LayoutOneSize && buffer[0] == 1;
        if (!current && !layoutOne) return false;
        var s = state;
        var r = new StateReader(buffer);
        r.U8(); s.DeviceId = r.U64();
        s.Epoch = r.U64(); s.LastSeq = r.U32(); r.Bytes(s.NextCommit); r.Bytes(s.PendingTag);
        s.PendingFlags = r.U8(); s.PendingRequestedScope = r.U16(); s.PendingFeatureMask = r.U16();
        for (int i = 0; i < 8; i++) s.PendingFeatures[i] = (int)r.U32();
        s.EpochStartMs = r.I64(); s.LastAcceptedMs = r.I64(); s.LastUptimeUs = r.U64(); s.IntervalMs = r.F32();
        s.LinksInEpoch = r.U32(); s.GapsInEpoch = r.U16(); s.ContinuityDepth = r.U32();
        s.RingCount = r.U8(); r.Bytes(s.RingReveals); r.Bytes(s.RingDigests);
        s.ForkEpoch = r.U64(); s.ForkSeq = r.U32(); r.Bytes(s.ForkCommit); s.ForkLinks = r.U16();
        foreach (CandidateSlot c in s.Candidates)
        {
            c.Epoch = r.U64(); c.LastSeq = r.U32(); r.Bytes(c.NextCommit); r.Bytes(c.LastDigest); r.Bytes(c.PendingTag);
            c.FirstSeenMs = r.I64(); c.LastLinkMs = r.I64(); c.Links = r.U16();
            byte bits = r.U8(); c.InUse = (bits & 1) != 0; c.Witnessed = (bits & 2) != 0; c.OpenPath = (bits & 4) != 0;
        }
        s.ClosedEpoch = r.U64(); s.ClosedSeq = r.U32(); r.Bytes(s.ClosedCommit); s.KeepUntilMs = r.I64();
        for (int i = 0; i < DeviceState.RecentEpochCapacity; i++) s.RecentEpochs[i] = r.U64();
        r.Bytes(s.EpochFilter);
        s.OwnerHash = r.U64();
        s.Accepted = r.U32();
        s.Conflicts = r.U16(); s.ForkFrames = r.U16(); s.Incidents = r.U16(); s.AlteredFrames = r.U16();
        s.WitnessAgreements = r.U16(); s.WitnessDisagreements = r.U16();
        s.Flags = (StandingFlags)r.U32(); s.Mode = (DecisionMode)r.U8(); s.Reason = r.U8(); s.GrantedScope = r.U16(); s.RequestedScope = r.U16();
        s.GrantBaseScope = r.U16(); s.GrantVerifyRemaining = r.U8(); s.LastSeenMs = r.I64();
        for (int i = 0; i < 8; i++) { s.FeatureCount[i] = r.U16(); s.FeatureMean[i] = r.F32(); s.FeatureM2[i] = r.F32(); }
        s.HullCount = r.U8();
        for (int i = 0; i < DeviceState.HullCapacity; i++) { s.HullUptimeUs[i] = r.U64(); s.HullOffsetUs[i] = r.I64(); }
        s.HistoricSkewPpm = r.F32();
        s.ClockLagLoweredMs = current ? r.U32() : 0;
        return true;
    }
}
