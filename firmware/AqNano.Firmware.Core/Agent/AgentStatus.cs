namespace AqNano.Firmware.Core.Agent
{
    /// <summary>What the agent is doing; <see cref="DeviceAgent.StatusText"/> says it in words.</summary>
    public enum AgentStatus : byte
    {
        NotBooted = 0,
        /// <summary>Sampling until the pool holds the Genesis threshold (DESIGN.md "Entropy").</summary>
        GatheringEntropy = 1,
        /// <summary>The uplink is down: the chain pauses, nothing is lost (DESIGN.md "Delivery").</summary>
        UplinkDown = 2,
        Running = 3,
        /// <summary>The verifier refused the device: the cadence is slowed.</summary>
        BackingOff = 4,
        /// <summary>A raw source failed its health test: the epoch is stopped until the next boot.</summary>
        EntropyFailed = 5,
    }
}
