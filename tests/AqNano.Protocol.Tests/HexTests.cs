namespace AqNano.Protocol.Tests;

/// <summary>Ids and epochs print as their eight wire bytes in lower-case hex (DESIGN.md "Topics").</summary>
public class HexTests
{
    [Fact]
    public void FromWireWritesTheLittleEndianBytesInOrder()
    {
        Assert.Equal("0102030405060708", Hex.FromWire(0x0807060504030201));
        Assert.Equal("0000000000000000", Hex.FromWire(0));
        Assert.Equal("ffffffffffffffff", Hex.FromWire(ulong.MaxValue));
    }

    [Fact]
    public void FromWireMatchesFromBytesOfTheWireEncoding()
    {
        var random = new Random(3);
        var bytes = new byte[8];
        for (int i = 0; i < 1000; i++)
        {
            random.NextBytes(bytes);
            ulong value = BitConverter.ToUInt64(bytes);
            Assert.Equal(Convert.ToHexStringLower(bytes), Hex.FromWire(value));
            Assert.Equal(Convert.ToHexStringLower(bytes), Hex.FromBytes(bytes, 0, 8));
        }
    }

    [Fact]
    public void RoundTripsAtAnyOffset()
    {
        var random = new Random(5);
        for (int i = 0; i < 1000; i++)
        {
            ulong value = (ulong)random.NextInt64() * 3;
            string text = "xy" + Hex.FromWire(value) + "z";
            Assert.True(Hex.TryParseWire(text, 2, out ulong back));
            Assert.Equal(value, back);
        }
    }

    [Theory]
    [InlineData("0102030405060A08")] // upper case refused: one id has one topic
    [InlineData("010203040506070")] // 15 characters
    [InlineData("01020304050607g8")]
    [InlineData("01020304 5060708")]
    [InlineData("")]
    [InlineData(null)]
    public void RefusesUpperCaseNonHexAndShortText(string? text)
    {
        Assert.False(Hex.TryParseWire(text!, 0, out ulong value));
        Assert.Equal(0UL, value);
    }

    [Fact]
    public void RefusesOffsetsOutsideTheText()
    {
        string text = "0102030405060708";
        Assert.False(Hex.TryParseWire(text, -1, out _));
        Assert.False(Hex.TryParseWire(text, 1, out _));
        Assert.False(Hex.TryParseWire(text, int.MaxValue, out _));
        Assert.True(Hex.TryParseWire(text + "ab", 2, out ulong value));
        Assert.Equal(0xab08070605040302UL, value);
    }
}
