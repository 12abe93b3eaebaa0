namespace AqNano.Simulator.Network;

/// <summary>What a publish interceptor made of a publish (like MQTTnet's InterceptingPublish
/// ProcessPublish): forward it to subscribers, or refuse it (acknowledged with a refusal reason,
/// delivered to nobody, counted).</summary>
public enum PublishDecision
{
    Forward,
    Refuse,
}
