namespace AqNano.Firmware.Core.Ports
{
    /// <summary>Where the device says what it is doing and why it stopped (serial console,
    /// status LED). Core passes constant strings only, so reporting allocates nothing.</summary>
    public interface IStatusOutput
    {
        void Report(string status);
    }
}
