namespace AqNano.Firmware.Core.Ports
{
    /// <summary>One ADC input used as an entropy source (a floating pin, the internal
    /// temperature channel...). Board: System.Device.Adc AdcChannel.ReadValue().</summary>
    public interface IAdcChannel
    {
        /// <summary>One conversion, in raw counts 0..MaxValue.</summary>
        int Read();

        /// <summary>Full-scale count, e.g. 4095 for a 12-bit converter.</summary>
        int MaxValue { get; }
    }
}
