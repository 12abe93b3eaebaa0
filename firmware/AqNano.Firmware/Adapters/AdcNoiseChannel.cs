using System.Device.Adc;
using AqNano.Firmware.Core.Ports;

namespace AqNano.Firmware.Adapters
{
    /// <summary>IAdcChannel over System.Device.Adc (nanoframework/System.Device.Adc,
    /// AdcController.cs / AdcChannel.cs: OpenChannel(int), ReadValue(), MaxValue).</summary>
    internal sealed class AdcNoiseChannel : IAdcChannel
    {
        private readonly AdcChannel _channel;
        private readonly int _maxValue;

        public AdcNoiseChannel(AdcController controller, int channelNumber)
        {
            _channel = controller.OpenChannel(channelNumber);
            _maxValue = controller.MaxValue;
        }

        public int MaxValue { get { return _maxValue; } }

        public int Read()
        {
            return _channel.ReadValue();
        }
    }
}
