using AqNano.Protocol.Chain;

namespace AqNano.Firmware.Tests.Fakes;

/// <summary>Wraps an HMAC and counts calls and message bytes (docs/PERFORMANCE-FIRMWARE.md).</summary>
public sealed class CountingHmac(IHmacSha256 inner) : IHmacSha256
{
    public long Calls;
    public long MessageBytes;
    public long KeyBytes;

    public void Compute(byte[] key, int keyOffset, int keyLength, byte[] message, int messageOffset, int messageLength,
                        byte[] output, int outputOffset)
    {
        Calls++;
        MessageBytes += messageLength;
        KeyBytes += keyLength;
        inner.Compute(key, keyOffset, keyLength, message, messageOffset, messageLength, output, outputOffset);
    }
}
