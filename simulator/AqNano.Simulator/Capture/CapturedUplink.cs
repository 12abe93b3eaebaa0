using AqNano.Firmware.Core.Ports;
using AqNano.Simulator.Fleet;
using AqNano.Simulator.Network;

namespace AqNano.Simulator.Capture;

/// <summary>The counting wrapper plus the original link, so that Disconnect reaches the transport.</summary>
internal sealed class CapturedUplink(CountingUplink counting, IUplink original) : IUplink, INotifyingUplink
{
    public IUplink Original => original;

    public event Action? MessageArrived
    {
        add { if (original is INotifyingUplink notifying) notifying.MessageArrived += value; }
        remove { if (original is INotifyingUplink notifying) notifying.MessageArrived -= value; }
    }

    public bool IsConnected => counting.IsConnected;
    public bool Publish(string topic, byte[] payload, int offset, int length, bool retain) => counting.Publish(topic, payload, offset, length, retain);
    public bool Subscribe(string topic) => counting.Subscribe(topic);
    public int Receive(byte[] buffer, int offset, out string topic) => counting.Receive(buffer, offset, out topic);
}
