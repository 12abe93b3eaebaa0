using System.Buffers.Binary;

namespace AqNano.VectorGen;

/// <summary>Fixed stand-ins for a board's raw samples (DESIGN.md "The chain": ADC readings as
/// uint16, timing deltas as uint32, then 32 bytes from the hardware random generator), made
/// by xorshift32 from a fixed seed so that the vectors never change. Only their bytes reach
/// the JSON; another implementation needs no copy of this recipe.</summary>
internal sealed class FixedSamples(uint seed)
{
    private uint _state = seed == 0 ? 1u : seed;

    private uint Next()
    {
        _state ^= _state << 13;
        _state ^= _state >> 17;
        _state ^= _state << 5;
        return _state;
    }

    /// <summary>16 ADC readings near mid-scale of a 12-bit converter, 16 timing deltas of
    /// 10-20 us, and 32 random bytes: 112 bytes.</summary>
    public byte[] NextRaw()
    {
        var raw = new byte[16 * 2 + 16 * 4 + 32];
        for (int i = 0; i < 16; i++) BinaryPrimitives.WriteUInt16LittleEndian(raw.AsSpan(2 * i), (ushort)(2040 + Next() % 16));
        for (int i = 0; i < 16; i++) BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(32 + 4 * i), 10 + Next() % 11);
        for (int i = 0; i < 8; i++) BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(96 + 4 * i), Next());
        return raw;
    }
}
