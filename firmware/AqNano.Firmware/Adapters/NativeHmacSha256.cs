using System.Security.Cryptography;
using AqNano.Protocol.Chain;

namespace AqNano.Firmware.Adapters
{
    /// <summary>K(key, message) by the board's native Mbed TLS HMAC (nanoframework/
    /// System.Security.Cryptography, HMACSHA256.cs: static HashData(byte[] key, byte[] source)).
    /// That API takes whole arrays and returns a new one, so this adapter copies each slice into
    /// an exact-size array kept per length (lengths repeat every event, so these are allocated
    /// once) and copies the result out: the 32-byte result array is the one allocation per call
    /// that the native API imposes. Core itself allocates nothing.</summary>
    internal sealed class NativeHmacSha256 : IHmacSha256
    {
        private const int LargestCachedLength = 1024;
        private readonly byte[][] _keysByLength = new byte[65][];
        private readonly byte[][] _messagesByLength = new byte[LargestCachedLength + 1][];

        public void Compute(byte[] key, int keyOffset, int keyLength,
                            byte[] message, int messageOffset, int messageLength,
                            byte[] output, int outputOffset)
        {
            byte[] exactKey = Slice(_keysByLength, key, keyOffset, keyLength);
            byte[] exactMessage = Slice(_messagesByLength, message, messageOffset, messageLength);
            byte[] mac = HMACSHA256.HashData(exactKey, exactMessage);
            System.Array.Copy(mac, 0, output, outputOffset, ChainMath.DigestSize);
        }

        private static byte[] Slice(byte[][] cache, byte[] source, int offset, int length)
        {
            byte[] exact;
            if (length < cache.Length)
            {
                exact = cache[length];
                if (exact == null)
                {
                    exact = new byte[length];
                    cache[length] = exact;
                }
            }
            else
            {
                exact = new byte[length];
            }
            System.Array.Copy(source, offset, exact, 0, length);
            return exact;
        }
    }
}
