namespace AqNano.Verifier.App.Gateway;

/// <summary>A chain frame the gateway made and must publish (a copy: the chain keeps its own until acknowledged).</summary>
/// <param name="Label">"gateway" or the sensor's topic, for log lines.</param>
public sealed record OutgoingFrame(ulong DeviceId, string Topic, byte[] Frame, uint Seq, string Label);
