using AqNano.Protocol.Chain;
using AqNano.Protocol.Host;

namespace AqNano.Protocol.Tests.Chain;

/// <summary>Foundation issue, acceptance: the portable HMAC equals System.Security.Cryptography's
/// on 10,000 random keys and messages of lengths 0..300, at random offsets.</summary>
public class PortableHmacEquivalenceTests
{
    [Fact]
    public void PortableEqualsHostOnTenThousandRandomInputs()
    {
        var random = new Random(2026);
        var portable = new PortableHmacSha256();
        var host = new HostHmacSha256();
        var key = new byte[310];
        var message = new byte[310];
        var expected = new byte[40];
        var actual = new byte[40];
        int lengthsSeen = 0;
        var seenKeyLengths = new bool[301];
        for (int i = 0; i < 10_000; i++)
        {
            int keyLength = i <= 300 ? i : random.Next(0, 301);
            int messageLength = i <= 300 ? 300 - i : random.Next(0, 301);
            int keyOffset = random.Next(0, 10), messageOffset = random.Next(0, 10), outputOffset = random.Next(0, 9);
            random.NextBytes(key);
            random.NextBytes(message);
            host.Compute(key, keyOffset, keyLength, message, messageOffset, messageLength, expected, outputOffset);
            portable.Compute(key, keyOffset, keyLength, message, messageOffset, messageLength, actual, outputOffset);
            Assert.True(expected.AsSpan(outputOffset, 32).SequenceEqual(actual.AsSpan(outputOffset, 32)),
                $"key {keyLength} bytes, message {messageLength} bytes");
            if (!seenKeyLengths[keyLength]) { seenKeyLengths[keyLength] = true; lengthsSeen++; }
        }
        Assert.Equal(301, lengthsSeen);
    }
}
