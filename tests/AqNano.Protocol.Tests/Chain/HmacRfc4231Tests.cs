using System.Text;
using AqNano.Protocol.Chain;
using AqNano.Protocol.Host;

namespace AqNano.Protocol.Tests.Chain;

/// <summary>RFC 4231 section 4, HMAC-SHA-256 test cases 1-7, for both implementations of
/// the seam. Case 5 is compared on its first 128 bits, as the RFC gives it truncated.</summary>
public class HmacRfc4231Tests
{
    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "host", "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", Hex("Hi There"), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
        { "host", Hex("Jefe"), Hex("what do ya want for nothing?"), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
        { "host", Repeat("aa", 20), Repeat("dd", 50), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe" },
        { "host", "0102030405060708090a0b0c0d0e0f10111213141516171819", Repeat("cd", 50), "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b" },
        { "host", Repeat("0c", 20), Hex("Test With Truncation"), "a3b6167473100ee06e0c796c2955552b" },
        { "host", Repeat("aa", 131), Hex("Test Using Larger Than Block-Size Key - Hash Key First"), "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54" },
        { "host", Repeat("aa", 131), Hex("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm."), "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2" },
    };

    public static TheoryData<string, string, string, string> BothImplementations()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var implementation in new[] { "host", "portable" })
        {
            foreach (var row in Cases)
            {
                var values = (object[])row;
                data.Add(implementation, (string)values[1], (string)values[2], (string)values[3]);
            }
        }
        return data;
    }

    [Theory, MemberData(nameof(BothImplementations))]
    public void TestCase(string implementation, string keyHex, string dataHex, string expectedHex)
    {
        IHmacSha256 hmac = implementation == "host" ? new HostHmacSha256() : new PortableHmacSha256();
        byte[] key = Convert.FromHexString(keyHex);
        byte[] data = Convert.FromHexString(dataHex);
        var output = new byte[32];
        hmac.Compute(key, 0, key.Length, data, 0, data.Length, output, 0);
        Assert.Equal(expectedHex, Convert.ToHexStringLower(output)[..expectedHex.Length]);
    }

    private static string Hex(string ascii) => Convert.ToHexString(Encoding.ASCII.GetBytes(ascii));

    private static string Repeat(string hexByte, int count) => string.Concat(Enumerable.Repeat(hexByte, count));
}
