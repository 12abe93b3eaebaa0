using System.Text;
using AqNano.Protocol.Chain;

namespace AqNano.Protocol.Tests.Chain;

/// <summary>The portable SHA-256 against the NIST example values for FIPS 180-4
/// (csrc.nist.gov "SHA256.pdf" and the long-message examples), and against .NET's SHA256
/// for every length 0..300 fed in uneven pieces.</summary>
public class Sha256Tests
{
    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    [InlineData("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")]
    public void NistExamples(string message, string expected)
    {
        Assert.Equal(expected, Hash(Encoding.ASCII.GetBytes(message)));
    }

    [Fact]
    public void OneMillionA()
    {
        var sha = new Sha256();
        var chunk = Enumerable.Repeat((byte)'a', 1000).ToArray();
        for (int i = 0; i < 1000; i++) sha.Update(chunk, 0, chunk.Length);
        var digest = new byte[32];
        sha.Final(digest, 0);
        Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void EqualsDotNetForEveryLengthInUnevenPieces()
    {
        var random = new Random(1);
        var sha = new Sha256();
        var digest = new byte[32];
        for (int length = 0; length <= 300; length++)
        {
            var message = new byte[length + 3];
            random.NextBytes(message);
            int at = 3;
            while (at < message.Length)
            {
                int piece = Math.Min(random.Next(1, 70), message.Length - at);
                sha.Update(message, at, piece);
                at += piece;
            }
            sha.Final(digest, 0);
            Assert.Equal(System.Security.Cryptography.SHA256.HashData(message.AsSpan(3)), digest);
        }
    }

    private static string Hash(byte[] message)
    {
        var sha = new Sha256();
        var digest = new byte[32];
        sha.Update(message, 0, message.Length);
        sha.Final(digest, 0);
        return Convert.ToHexStringLower(digest);
    }
}
