namespace AqNano.Protocol.Chain
{
    /// <summary>The chain of DESIGN.md "The chain", one method per equation, over the
    /// <see cref="IHmacSha256"/> seam. Integers enter messages little-endian (seq 4 bytes,
    /// epoch and uptimeUs 8). Every method works on byte[] + offset and allocates nothing;
    /// an instance owns one scratch buffer, so use one per thread.
    ///
    ///   mix_n         = K("AQ1/mix",   raw_n)
    ///   S_0           = K("AQ1/seed",  deviceId || epoch || mix_0)
    ///   S_n           = K(S_(n-1),     "AQ1/state" || seq_n || uptimeUs_n || mix_n)
    ///   R_(n+1)       = K(S_n,         "AQ1/key")
    ///   C_(n+1)       = K(R_(n+1),     "AQ1/commit")
    ///   frameDigest_n = K("AQ1/frame", frame_n without its tag)
    ///   tag_n         = K(R_(n+1),     "AQ1/tag" || frameDigest_n)
    ///   deviceId      = first 8 bytes of K("AQ1/id", chip id)
    /// </summary>
    public sealed class ChainMath
    {
        public const int DigestSize = 32;
        private readonly IHmacSha256 _hmac;
        private readonly byte[] _message = new byte[64];
        private readonly byte[] _digest = new byte[DigestSize];

        public ChainMath(IHmacSha256 hmac)
        {
            _hmac = hmac;
        }

        public IHmacSha256 Hmac
        {
            get { return _hmac; }
        }

        /// <summary>mix_n = K("AQ1/mix", raw_n): condenses the event's raw samples (never sent).</summary>
        public void Mix(byte[] raw, int rawOffset, int rawLength, byte[] mix, int mixOffset)
        {
            _hmac.Compute(ChainLabels.Mix, 0, ChainLabels.Mix.Length, raw, rawOffset, rawLength, mix, mixOffset);
        }

        /// <summary>S_0 = K("AQ1/seed", deviceId || epoch || mix_0).</summary>
        public void Seed(ulong deviceId, ulong epoch, byte[] mix, int mixOffset, byte[] state, int stateOffset)
        {
            LittleEndian.WriteUInt64(_message, 0, deviceId);
            LittleEndian.WriteUInt64(_message, 8, epoch);
            System.Array.Copy(mix, mixOffset, _message, 16, DigestSize);
            _hmac.Compute(ChainLabels.Seed, 0, ChainLabels.Seed.Length, _message, 0, 16 + DigestSize, state, stateOffset);
        }

        /// <summary>S_n = K(S_(n-1), "AQ1/state" || seq_n || uptimeUs_n || mix_n), in place.</summary>
        public void Advance(byte[] state, int stateOffset, uint seq, ulong uptimeUs, byte[] mix, int mixOffset)
        {
            int length = ChainLabels.State.Length;
            System.Array.Copy(ChainLabels.State, 0, _message, 0, length);
            LittleEndian.WriteUInt32(_message, length, seq);
            LittleEndian.WriteUInt64(_message, length + 4, uptimeUs);
            System.Array.Copy(mix, mixOffset, _message, length + 12, DigestSize);
            _hmac.Compute(state, stateOffset, DigestSize, _message, 0, length + 12 + DigestSize, _digest, 0);
            System.Array.Copy(_digest, 0, state, stateOffset, DigestSize);
        }

        /// <summary>R_(n+1) = K(S_n, "AQ1/key"): the key frame n commits to and tags with.</summary>
        public void NextKey(byte[] state, int stateOffset, byte[] key, int keyOffset)
        {
            _hmac.Compute(state, stateOffset, DigestSize, ChainLabels.Key, 0, ChainLabels.Key.Length, key, keyOffset);
        }

        /// <summary>C_(n+1) = K(R_(n+1), "AQ1/commit").</summary>
        public void Commit(byte[] key, int keyOffset, byte[] commitment, int commitmentOffset)
        {
            _hmac.Compute(key, keyOffset, DigestSize, ChainLabels.Commit, 0, ChainLabels.Commit.Length, commitment, commitmentOffset);
        }

        /// <summary>frameDigest = K("AQ1/frame", frame without its tag); <paramref name="lengthWithoutTag"/>
        /// is the frame's length minus 32 for chain-link kinds.</summary>
        public void FrameDigest(byte[] frame, int frameOffset, int lengthWithoutTag, byte[] digest, int digestOffset)
        {
            _hmac.Compute(ChainLabels.Frame, 0, ChainLabels.Frame.Length, frame, frameOffset, lengthWithoutTag, digest, digestOffset);
        }

        /// <summary>tag_n = K(R_(n+1), "AQ1/tag" || frameDigest_n).</summary>
        public void Tag(byte[] key, int keyOffset, byte[] frameDigest, int digestOffset, byte[] tag, int tagOffset)
        {
            int length = ChainLabels.Tag.Length;
            System.Array.Copy(ChainLabels.Tag, 0, _message, 0, length);
            System.Array.Copy(frameDigest, digestOffset, _message, length, DigestSize);
            _hmac.Compute(key, keyOffset, DigestSize, _message, 0, length + DigestSize, tag, tagOffset);
        }

        /// <summary>Completes an encoded chain-link frame whose last 32 bytes are the tag: writes its
        /// digest to <paramref name="digest"/> and its tag, keyed by R_(n+1), into the frame.</summary>
        public void Seal(byte[] frame, int frameOffset, int frameLength, byte[] nextKey, int nextKeyOffset, byte[] digest, int digestOffset)
        {
            int withoutTag = frameLength - DigestSize;
            FrameDigest(frame, frameOffset, withoutTag, digest, digestOffset);
            Tag(nextKey, nextKeyOffset, digest, digestOffset, frame, frameOffset + withoutTag);
        }

        /// <summary>deviceId = first 8 bytes of K("AQ1/id", chip id), read as the little-endian ulong
        /// whose wire bytes they are.</summary>
        public ulong DeviceId(byte[] chipId, int chipIdOffset, int chipIdLength)
        {
            _hmac.Compute(ChainLabels.Id, 0, ChainLabels.Id.Length, chipId, chipIdOffset, chipIdLength, _digest, 0);
            return LittleEndian.ReadUInt64(_digest, 0);
        }

        /// <summary>Verifier step: does reveal R_n open the stored commitment C_n = K(R_n, "AQ1/commit")?</summary>
        public bool Opens(byte[] reveal, int revealOffset, byte[] commitment, int commitmentOffset)
        {
            Commit(reveal, revealOffset, _digest, 0);
            return ConstantTime.Equal(_digest, 0, commitment, commitmentOffset, DigestSize);
        }

        /// <summary>Verifier step (delayed disclosure): once R_(n+1) is revealed by frame n+1, does
        /// frame n's tag equal K(R_(n+1), "AQ1/tag" || frameDigest_n)?</summary>
        public bool TagMatches(byte[] key, int keyOffset, byte[] frameDigest, int digestOffset, byte[] tag, int tagOffset)
        {
            Tag(key, keyOffset, frameDigest, digestOffset, _digest, 0);
            return ConstantTime.Equal(_digest, 0, tag, tagOffset, DigestSize);
        }
    }
}
