using AqNano.Firmware.Core.Ports;

namespace AqNano.Firmware.Tests.Fakes;

/// <summary>The chip's hardware generator: seeded noise, or one repeated byte when <see cref="Stuck"/>.</summary>
public sealed class FakeRandom(ulong seed, bool available = true) : IHardwareRandom
{
    private readonly NoiseSource _noise = new(seed);
    public readonly byte[] Last = new byte[32];
    public byte? Stuck;

    public bool IsAvailable => available;

    public void Fill(byte[] buffer, int offset, int length)
    {
        for (int i = 0; i < length; i++) buffer[offset + i] = Stuck ?? (byte)_noise.Next();
        Array.Copy(buffer, offset, Last, 0, Math.Min(length, Last.Length));
    }
}
