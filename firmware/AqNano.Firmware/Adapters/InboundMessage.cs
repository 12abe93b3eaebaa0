namespace AqNano.Firmware.Adapters
{
    /// <summary>One message the broker delivered, held until Core polls for it.</summary>
    internal sealed class InboundMessage
    {
        public readonly string Topic;
        public readonly byte[] Payload;

        public InboundMessage(string topic, byte[] payload)
        {
            Topic = topic;
            Payload = payload;
        }
    }
}
