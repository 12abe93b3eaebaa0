namespace AqNano.Simulator.Models;

/// <summary>Simulated ESP32 station MACs: Espressif's OUI 24:0A:C4 and a 24-bit serial. A serial drawn
/// at random gave two boards of a 5,000-board fleet the same id (the birthday bound: about n²/2^25 pairs),
/// so the serial is a fixed bijection of (base + unit index) on 24 bits: distinct unit indices of one
/// run always get distinct MACs, and the scramble keeps them looking like a real lot's, not a counter.
/// Runs that must not share ids (separate simulator processes on one verifier) take disjoint bases.</summary>
public static class EspressifMac
{
    public static readonly byte[] Oui = { 0x24, 0x0A, 0xC4 };

    /// <summary>Serial numbers available (2^24): bases plus unit indices wrap modulo this.</summary>
    public const uint SerialSpace = 1u << 24;

    private const uint Mask = SerialSpace - 1;

    /// <summary>The base a run takes when its scenario names none: drawn from the run's seed, so runs with
    /// different seeds usually, not always, use different serials (24 bits are few; docs in the README).</summary>
    public static uint DefaultBase(ulong fleetSeed) =>
        (uint)(SeededRandom.Derive(fleetSeed, 0x6D6163 /* "mac" */).NextUInt64() & Mask);

    /// <summary>Writes the OUI and the serial of unit <paramref name="index"/> into the first 6 bytes.</summary>
    public static void Write(byte[] mac, uint serialBase, int index)
    {
        uint serial = Scramble((serialBase + (uint)index) & Mask);
        Array.Copy(Oui, mac, Oui.Length);
        mac[3] = (byte)(serial >> 16);
        mac[4] = (byte)(serial >> 8);
        mac[5] = (byte)serial;
    }

    /// <summary>A bijection on 24-bit values: multiplying by an odd constant modulo 2^24 and x ^= x >> k
    /// are each invertible, so distinct inputs give distinct serials (a test checks all 2^24).</summary>
    public static uint Scramble(uint x)
    {
        x = (x * 0x9E3779B1u) & Mask;
        x ^= x >> 13;
        x = (x * 0x85EBCA6Bu) & Mask;
        x ^= x >> 11;
        x = (x * 0xC2B2AE35u) & Mask;
        x ^= x >> 12;
        return x;
    }
}
