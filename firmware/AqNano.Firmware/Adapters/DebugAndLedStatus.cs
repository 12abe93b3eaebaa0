using System.Device.Gpio;
using System.Diagnostics;
using AqNano.Firmware.Core.Ports;

namespace AqNano.Firmware.Adapters
{
    /// <summary>Status on the debug console (Visual Studio / VS Code output, serial) and, where the
    /// board has a plain LED, the LED lit while running (System.Device.Gpio GpioController).</summary>
    internal sealed class DebugAndLedStatus : IStatusOutput
    {
        private readonly GpioPin _led;

        public DebugAndLedStatus(int ledPin)
        {
            if (ledPin >= 0)
            {
                GpioController controller = new GpioController();
                _led = controller.OpenPin(ledPin, PinMode.Output);
            }
        }

        public void Report(string status)
        {
            Debug.WriteLine("aqnano: " + status);
            if (_led != null) _led.Write(status == Core.Agent.StatusTexts.Running ? PinValue.High : PinValue.Low);
        }
    }
}
