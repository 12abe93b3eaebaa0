namespace AqNano.Protocol.Chain
{
    /// <summary>The one primitive of the chain, K(key, message) = HMAC-SHA256 (RFC 2104,
    /// DESIGN.md "The chain"). Host code plugs in System.Security.Cryptography's, the
    /// boards their native Mbed TLS one, boards without it <see cref="PortableHmacSha256"/>.
    /// Implementations must not allocate per call on the host (the zero-allocation budget
    /// of the foundation issue) and need not be thread-safe.</summary>
    public interface IHmacSha256
    {
        /// <summary>Writes the 32-byte MAC of message[messageOffset..+messageLength] under
        /// key[keyOffset..+keyLength] to output[outputOffset..+32]. Output may overlap neither input.</summary>
        void Compute(byte[] key, int keyOffset, int keyLength,
                     byte[] message, int messageOffset, int messageLength,
                     byte[] output, int outputOffset);
    }
}
