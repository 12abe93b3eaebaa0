namespace AqNano.Firmware.Core.Ports
{
    /// <summary>The device's MQTT connection (board: M2Mqtt over Wi-Fi or Ethernet; simulator:
    /// in-memory link or MQTTnet). Polled, never called back, so that Core runs on one thread
    /// and the simulator stays deterministic.</summary>
    public interface IUplink
    {
        bool IsConnected { get; }

        /// <summary>Publishes payload[offset..+length] at QoS 1 and returns true only once the broker
        /// acknowledged it (PUBACK); false means not delivered, and Core will resend the same bytes.</summary>
        bool Publish(string topic, byte[] payload, int offset, int length, bool retain);

        /// <summary>Subscribes at QoS 1; false when not connected or refused.</summary>
        bool Subscribe(string topic);

        /// <summary>Takes the oldest received message, if any: copies at most buffer.Length - offset
        /// bytes of it, sets <paramref name="topic"/> and returns its full length (which may exceed
        /// what was copied: an oversized message), or -1 when nothing is waiting.</summary>
        int Receive(byte[] buffer, int offset, out string topic);
    }
}
