namespace AqNano.Simulator.Network;

/// <summary>The real broker could not be reached or refused the connection.</summary>
public sealed class MqttTransportException : Exception
{
    public MqttTransportException(string message, Exception inner) : base(message, inner)
    {
    }
}
