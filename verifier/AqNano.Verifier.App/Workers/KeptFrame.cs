namespace AqNano.Verifier.App.Workers;

/// <summary>An obs frame received for a partition this worker did not own at the time.</summary>
public sealed record KeptFrame(string Topic, byte[] Payload, long ReceivedUnixMs);
