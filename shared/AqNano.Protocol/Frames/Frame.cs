namespace AqNano.Protocol.Frames
{
    /// <summary>One parsed or to-be-written v1 frame of any kind: plain data, owned and
    /// reused by the caller so that steady-state parsing allocates nothing. Only the
    /// fields of <see cref="Kind"/> are meaningful; the codec writes and reads no others.</summary>
    public sealed class Frame
    {
        // Header (every kind)
        public FrameKind Kind { get; set; }
        public ulong DeviceId { get; set; }
        public ulong Epoch { get; set; }
        public uint Seq { get; set; }
        /// <summary>The device's monotonic microseconds since boot; in a Decision, the verifier's unix time in microseconds.</summary>
        public ulong UptimeUs { get; set; }

        // Genesis and Observation
        public byte Flags { get; set; }
        public ResetCause ResetCause { get; set; }
        public ushort RequestedScope { get; set; }
        public ushort FeatureMask { get; set; }
        /// <summary>Wire values (x1000) indexed by feature bit; absent features are ignored.</summary>
        public int[] Features { get; } = new int[Frames.Features.Count];

        // Witness
        public ulong SubjectDeviceId { get; set; }
        public ulong SubjectEpoch { get; set; }
        public uint SubjectSeq { get; set; }
        public byte[] SubjectFrameDigest { get; } = new byte[FrameLayout.DigestSize];
        public short Rssi { get; set; }
        public WitnessPath Path { get; set; }

        // The chain link of Genesis, Observation and Witness
        public byte[] Reveal { get; } = new byte[FrameLayout.DigestSize];
        public byte[] Commit { get; } = new byte[FrameLayout.DigestSize];
        public byte[] Tag { get; } = new byte[FrameLayout.DigestSize];

        // Decision
        public DecisionMode Mode { get; set; }
        public byte Reason { get; set; }
        public ushort GrantedScope { get; set; }
        public byte[] AckFrameDigest { get; } = new byte[FrameLayout.DigestSize];

        /// <summary>True for the kinds that carry a chain link (reveal, commit, tag).</summary>
        public bool IsChainLink
        {
            get { return Kind == FrameKind.Genesis || Kind == FrameKind.Observation || Kind == FrameKind.Witness; }
        }

        /// <summary>The encoded length of this frame, or 0 for an unknown kind.</summary>
        public int EncodedLength
        {
            get
            {
                switch (Kind)
                {
                    case FrameKind.Genesis:
                    case FrameKind.Observation:
                        return FrameLayout.ChainFrameSize(FeatureMask);
                    case FrameKind.Witness:
                        return FrameLayout.WitnessSize;
                    case FrameKind.Decision:
                        return FrameLayout.DecisionSize;
                    default:
                        return 0;
                }
            }
        }

        /// <summary>Copies every field of <paramref name="other"/> into this frame without allocating.</summary>
        public void CopyFrom(Frame other)
        {
            Kind = other.Kind; DeviceId = other.DeviceId; Epoch = other.Epoch; Seq = other.Seq; UptimeUs = other.UptimeUs;
            Flags = other.Flags; ResetCause = other.ResetCause; RequestedScope = other.RequestedScope; FeatureMask = other.FeatureMask;
            System.Array.Copy(other.Features, Features, Frames.Features.Count);
            SubjectDeviceId = other.SubjectDeviceId; SubjectEpoch = other.SubjectEpoch; SubjectSeq = other.SubjectSeq;
            System.Array.Copy(other.SubjectFrameDigest, SubjectFrameDigest, FrameLayout.DigestSize);
            Rssi = other.Rssi; Path = other.Path;
            System.Array.Copy(other.Reveal, Reveal, FrameLayout.DigestSize);
            System.Array.Copy(other.Commit, Commit, FrameLayout.DigestSize);
            System.Array.Copy(other.Tag, Tag, FrameLayout.DigestSize);
            Mode = other.Mode; Reason = other.Reason; GrantedScope = other.GrantedScope;
            System.Array.Copy(other.AckFrameDigest, AckFrameDigest, FrameLayout.DigestSize);
        }
    }
}
