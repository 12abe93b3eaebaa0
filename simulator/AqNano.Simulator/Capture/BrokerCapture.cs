using AqNano.Simulator.Network;

namespace AqNano.Simulator.Capture;

/// <summary>Captures every client publish as the in-memory broker received it, before the
/// interceptor judged it: the exact input an offline replay into the verifier needs.</summary>
public static class BrokerCapture
{
    public static void Attach(InMemoryBroker broker, CaptureWriter writer)
    {
        broker.Arrived += (publish, _) => writer.Write(new CaptureLine(
            publish.ReceivedUnixMs,
            publish.Topic,
            publish.Payload,
            publish.Path == LinkPath.Confidential ? "confidential" : "open",
            publish.ConnectionLabel));
    }
}
