namespace AqNano.Firmware.Tests.Fakes;

/// <summary>Deterministic xorshift64* noise for the fakes: seeded, allocation-free.</summary>
public sealed class NoiseSource(ulong seed)
{
    private ulong _state = seed == 0 ? 0x9E3779B97F4A7C15UL : seed;

    public ulong Next()
    {
        _state ^= _state >> 12;
        _state ^= _state << 25;
        _state ^= _state >> 27;
        return _state * 0x2545F4914F6CDD1DUL;
    }

    public int Below(int bound) => (int)(Next() % (ulong)bound);
}
