using AqNano.Protocol;
using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;

namespace AqNano.Firmware.Core.Continuity
{
    /// <summary>The device side of DESIGN.md "The chain", on shared ChainMath: S and the next key
    /// live here, in RAM only. <see cref="MakeLink"/> turns a filled-in header and body into the
    /// next sealed link (Genesis at seq 0, else Observation or Witness).</summary>
    public sealed class ChainEngine
    {
        private readonly ChainMath _math;
        private readonly byte[] _state = new byte[ChainMath.DigestSize];
        private readonly byte[] _key = new byte[ChainMath.DigestSize];
        private readonly byte[] _scratch = new byte[ChainMath.DigestSize];

        public ChainEngine(ChainMath math)
        {
            _math = math;
        }

        public ulong DeviceId { get; private set; }
        public ulong Epoch { get; private set; }
        /// <summary>Seq of the last link made in this epoch.</summary>
        public uint LastSeq { get; private set; }
        /// <summary>True once the epoch's Genesis has been made.</summary>
        public bool HasLinks { get; private set; }

        /// <summary>Opens a new epoch: no link yet; the next <see cref="MakeLink"/> must be seq 0.</summary>
        public void Begin(ulong deviceId, ulong epoch)
        {
            DeviceId = deviceId;
            Epoch = epoch;
            LastSeq = 0;
            HasLinks = false;
            System.Array.Clear(_state, 0, ChainMath.DigestSize);
            System.Array.Clear(_key, 0, ChainMath.DigestSize);
        }

        /// <summary>epoch = first 8 bytes of K(mix_0, "AQ1/epoch") (<see cref="BootLabels"/>).</summary>
        public ulong DrawEpoch(byte[] mix, int mixOffset)
        {
            _math.Hmac.Compute(mix, mixOffset, ChainMath.DigestSize, BootLabels.Epoch, 0, BootLabels.Epoch.Length, _scratch, 0);
            return LittleEndian.ReadUInt64(_scratch, 0);
        }

        /// <summary>"aq-" + 16 hex characters of K(mix_0, "AQ1/client"). Allocates: once per boot.</summary>
        public string DrawClientId(byte[] mix, int mixOffset)
        {
            _math.Hmac.Compute(mix, mixOffset, ChainMath.DigestSize, BootLabels.ClientId, 0, BootLabels.ClientId.Length, _scratch, 0);
            return "aq-" + Hex.FromBytes(_scratch, 0, 8);
        }

        /// <summary>Seals <paramref name="frame"/> as the next link: S_0 = Seed(...) at seq 0, else
        /// S_n = Advance(S_(n-1), seq, uptimeUs, mix); reveal R_n (zero in Genesis), commit
        /// C_(n+1) = K(R_(n+1), "AQ1/commit"), then encode and tag with R_(n+1). The caller has set
        /// every header and body field but the link. Returns the encoded length; the frame digest
        /// goes to <paramref name="digest"/>.</summary>
        public int MakeLink(Frame frame, byte[] mix, int mixOffset, byte[] buffer, int offset, byte[] digest, int digestOffset)
        {
            if (frame.Seq == 0)
            {
                _math.Seed(DeviceId, Epoch, mix, mixOffset, _state, 0);
                System.Array.Clear(frame.Reveal, 0, ChainMath.DigestSize);
            }
            else
            {
                _math.Advance(_state, 0, frame.Seq, frame.UptimeUs, mix, mixOffset);
                System.Array.Copy(_key, 0, frame.Reveal, 0, ChainMath.DigestSize);
            }
            _math.NextKey(_state, 0, _key, 0);
            _math.Commit(_key, 0, frame.Commit, 0);
            int length = FrameCodec.Write(frame, buffer, offset);
            _math.Seal(buffer, offset, length, _key, 0, digest, digestOffset);
            System.Array.Copy(buffer, offset + length - ChainMath.DigestSize, frame.Tag, 0, ChainMath.DigestSize);
            LastSeq = frame.Seq;
            HasLinks = true;
            return length;
        }

        /// <summary>Copies the volatile state of another engine, as a RAM dump would.</summary>
        public void CopyFrom(ChainEngine other)
        {
            DeviceId = other.DeviceId;
            Epoch = other.Epoch;
            LastSeq = other.LastSeq;
            HasLinks = other.HasLinks;
            System.Array.Copy(other._state, _state, ChainMath.DigestSize);
            System.Array.Copy(other._key, _key, ChainMath.DigestSize);
        }
    }
}
