namespace AqNano.Protocol.Chain
{
    /// <summary>HMAC-SHA256 (RFC 2104) over the portable <see cref="Sha256"/>: the reference
    /// implementation and the fallback for boards without native crypto. Allocation-free
    /// after construction; not thread-safe (one instance per thread).</summary>
    public sealed class PortableHmacSha256 : IHmacSha256
    {
        private const byte InnerPad = 0x36;
        private const byte OuterPad = 0x5c;
        private readonly Sha256 _sha = new Sha256();
        private readonly byte[] _keyBlock = new byte[Sha256.BlockSize];
        private readonly byte[] _pad = new byte[Sha256.BlockSize];
        private readonly byte[] _inner = new byte[Sha256.HashSize];

        public void Compute(byte[] key, int keyOffset, int keyLength,
                            byte[] message, int messageOffset, int messageLength,
                            byte[] output, int outputOffset)
        {
            // RFC 2104 section 2: keys longer than the block are hashed first, shorter ones zero-padded.
            System.Array.Clear(_keyBlock, 0, Sha256.BlockSize);
            if (keyLength > Sha256.BlockSize)
            {
                _sha.Update(key, keyOffset, keyLength);
                _sha.Final(_keyBlock, 0);
            }
            else
            {
                System.Array.Copy(key, keyOffset, _keyBlock, 0, keyLength);
            }

            for (int i = 0; i < Sha256.BlockSize; i++) _pad[i] = (byte)(_keyBlock[i] ^ InnerPad);
            _sha.Update(_pad, 0, Sha256.BlockSize);
            _sha.Update(message, messageOffset, messageLength);
            _sha.Final(_inner, 0);

            for (int i = 0; i < Sha256.BlockSize; i++) _pad[i] = (byte)(_keyBlock[i] ^ OuterPad);
            _sha.Update(_pad, 0, Sha256.BlockSize);
            _sha.Update(_inner, 0, Sha256.HashSize);
            _sha.Final(output, outputOffset);
        }
    }
}
