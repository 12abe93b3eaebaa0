using AqNano.Firmware.Core.Continuity;
using AqNano.Protocol;
using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;

namespace AqNano.Firmware.Core.Proxied
{
    /// <summary>A chain kept by a gateway on behalf of a device that cannot run one (docs/ADOPTION.md "Gateway-mediated retrofit"),
    /// on the same <see cref="ChainEngine"/> as a board's own chain. raw_n (DESIGN.md "The chain") is the
    /// gateway's own fresh entropy for the event followed by the arrival records of the device's messages
    /// since the last frame (their timing jitter as the gateway saw it): only the gateway holding S can
    /// continue the chain, and a copy of the device's messages alone cannot. Delivery as DESIGN.md
    /// "Delivery": the last frame is kept until the broker acknowledged it (<see cref="MarkSent"/>), and
    /// no new frame is made while it is unsent, so the chain pauses and nothing is lost. Allocation-free
    /// after construction.</summary>
    public sealed class ProxiedChain
    {
        /// <summary>Gateway entropy bytes taken per frame (a mix_n of its own sampler is 32).</summary>
        public const int EntropySize = ChainMath.DigestSize;
        /// <summary>Arrival records kept per window; later ones overwrite the oldest (raw stays bounded).</summary>
        public const int MaxRecords = 16;
        /// <summary>arrivalUs (8), reading x 1000 (4), signal dBm (2), 2 zero bytes.</summary>
        public const int RecordSize = 16;

        private readonly ChainMath _math;
        private readonly ChainEngine _chain;
        private readonly Frame _frame = new Frame();
        private readonly byte[] _frameBytes = new byte[FrameLayout.ChainMaxSize];
        private readonly byte[] _digest = new byte[ChainMath.DigestSize];
        private readonly byte[] _raw = new byte[EntropySize + MaxRecords * RecordSize];
        private readonly byte[] _mix = new byte[ChainMath.DigestSize];
        private int _records;
        private int _nextRecord;

        public ProxiedChain(ChainMath math, ulong deviceId, ushort requestedScope)
        {
            _math = math;
            _chain = new ChainEngine(math);
            DeviceId = deviceId;
            RequestedScope = (ushort)((requestedScope | Scopes.Observe) & Scopes.All);
            _chain.Begin(deviceId, 0);
        }

        public ulong DeviceId { get; private set; }
        public ushort RequestedScope { get; private set; }
        public ulong Epoch { get { return _chain.Epoch; } }
        public uint LastSeq { get { return _chain.LastSeq; } }
        public bool HasLinks { get { return _chain.HasLinks; } }
        /// <summary>The last frame made, kept byte for byte until <see cref="MarkSent"/>.</summary>
        public byte[] FrameBytes { get { return _frameBytes; } }
        public int FrameLength { get; private set; }
        /// <summary>frameDigest of the last frame made.</summary>
        public byte[] Digest { get { return _digest; } }
        public bool HasUnsent { get; private set; }

        /// <summary>Keeps one message's arrival record for the next frame's raw.</summary>
        public void AddArrival(ulong arrivalUs, int valueMilli, int signalDbm)
        {
            int at = EntropySize + _nextRecord * RecordSize;
            LittleEndian.WriteUInt64(_raw, at, arrivalUs);
            LittleEndian.WriteUInt32(_raw, at + 8, (uint)valueMilli);
            LittleEndian.WriteUInt16(_raw, at + 12, (ushort)(short)signalDbm);
            _raw[at + 14] = 0;
            _raw[at + 15] = 0;
            _nextRecord = (_nextRecord + 1) % MaxRecords;
            if (_records < MaxRecords) _records++;
        }

        /// <summary>Makes the next link: a Genesis (its epoch drawn from this mix_0) when the chain has none,
        /// else the next Observation, carrying <paramref name="featureMask"/> and <paramref name="features"/>.
        /// <paramref name="uptimeUs"/> is the gateway's own monotonic clock. False while the last frame is
        /// unsent, or when the gateway gave fewer than <see cref="EntropySize"/> bytes of entropy.</summary>
        public bool TryMakeFrame(ulong uptimeUs, byte[] entropy, int entropyOffset, int entropyLength, ushort featureMask, int[] features)
        {
            if (HasUnsent || entropyLength < EntropySize) return false;
            System.Array.Copy(entropy, entropyOffset, _raw, 0, EntropySize);
            _math.Mix(_raw, 0, EntropySize + _records * RecordSize, _mix, 0);
            _records = 0;
            _nextRecord = 0;
            bool genesis = !_chain.HasLinks;
            if (genesis) _chain.Begin(DeviceId, _chain.DrawEpoch(_mix, 0));
            _frame.Kind = genesis ? FrameKind.Genesis : FrameKind.Observation;
            _frame.DeviceId = DeviceId;
            _frame.Epoch = _chain.Epoch;
            _frame.Seq = genesis ? 0 : _chain.LastSeq + 1;
            _frame.UptimeUs = uptimeUs;
            _frame.Flags = 0;
            // The gateway cannot know why the device last reset: Genesis says unknown (DESIGN.md "Wire format v1").
            _frame.ResetCause = ResetCause.Unknown;
            _frame.RequestedScope = RequestedScope;
            _frame.FeatureMask = (ushort)(featureMask & Features.AllMask);
            for (int i = 0; i < Features.Count; i++) _frame.Features[i] = features[i];
            FrameLength = _chain.MakeLink(_frame, _mix, 0, _frameBytes, 0, _digest, 0);
            HasUnsent = true;
            return true;
        }

        /// <summary>The broker acknowledged the last frame: the next one may be made.</summary>
        public void MarkSent()
        {
            HasUnsent = false;
        }

        /// <summary>Drops the chain (the gateway lost it, or the verifier can no longer follow it): the next
        /// frame is a Genesis of a new epoch.</summary>
        public void Restart()
        {
            _chain.Begin(DeviceId, 0);
            HasUnsent = false;
            FrameLength = 0;
            _records = 0;
            _nextRecord = 0;
        }
    }
}
