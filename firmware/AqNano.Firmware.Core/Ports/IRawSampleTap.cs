namespace AqNano.Firmware.Core.Ports
{
    /// <summary>Sees each raw_n in RAM just before it is mixed, so that tests and the simulator's
    /// capture can recompute the chain independently. Raw samples are never sent (DESIGN.md
    /// "The chain"): the board app never sets this port, and it leaves the device through no link.</summary>
    public interface IRawSampleTap
    {
        void Observe(uint seq, byte[] raw, int offset, int length);
    }
}
