namespace AqNano.Verifier.Chains;

/// <summary>Which epochs a device has used (DESIGN.md "stale"): an exact list of the recent ones, and a
/// 256-bit Bloom filter (3 probes) of all, whose hit only flags, never refuses by itself.</summary>
public static class EpochMemory
{
    public static void Remember(DeviceState state, ulong epoch)
    {
        if (IsRecent(state, epoch)) return;
        Array.Copy(state.RecentEpochs, 0, state.RecentEpochs, 1, state.RecentEpochs.Length - 1);
        state.RecentEpochs[0] = epoch;
        for (int probe = 0; probe < 3; probe++)
        {
            int bit = Bit(epoch, probe);
            state.EpochFilter[bit >> 3] |= (byte)(1 << (bit & 7));
        }
    }

    public static bool IsRecent(DeviceState state, ulong epoch) => Array.IndexOf(state.RecentEpochs, epoch) >= 0 && epoch != 0;

    public static bool MaybeSeen(DeviceState state, ulong epoch)
    {
        for (int probe = 0; probe < 3; probe++)
        {
            int bit = Bit(epoch, probe);
            if ((state.EpochFilter[bit >> 3] & (1 << (bit & 7))) == 0) return false;
        }
        return true;
    }

    // Epochs are random nonces drawn by the device: their own bits are a good enough hash,
    // mixed per probe so that the three probes are independent.
    private static int Bit(ulong epoch, int probe)
    {
        ulong mixed = (epoch + (ulong)probe * 0x9E3779B97F4A7C15UL) * 0xBF58476D1CE4E5B9UL;
        return (int)(mixed >> 56);
    }
}
