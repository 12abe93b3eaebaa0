namespace AqNano.Firmware.Core.Agent
{
    /// <summary>What a board does besides building its own chain (DESIGN.md "Witness beacons"):
    /// a gateway also hears beacons and reports them in Witness frames on its own chain.</summary>
    public enum DeviceRole : byte
    {
        Device = 0,
        Gateway = 1,
    }
}
