using AqNano.Firmware.Core.Ports;

namespace AqNano.Firmware.Tests.Fakes;

/// <summary>Keeps each raw_n the agent mixed, by seq of the epoch (Genesis: seq 0).</summary>
public sealed class RawLog : IRawSampleTap
{
    public readonly Dictionary<(int Epoch, uint Seq), byte[]> Raw = new();
    public int Epoch;
    public bool Record = true;

    public void Observe(uint seq, byte[] raw, int offset, int length)
    {
        if (seq == 0) Epoch++;
        if (Record) Raw[(Epoch, seq)] = raw.AsSpan(offset, length).ToArray();
    }
}
