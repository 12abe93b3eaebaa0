using AqNano.Protocol;

namespace AqNano.Firmware.Core.Agent
{
    /// <summary>Everything a deployment may change without editing code. The agent's fields come
    /// first; the broker and network fields are read by the nanoFramework app only. Defaults are
    /// safe: plain observation, no Wi-Fi credentials (the app says so and waits).
    /// <see cref="DeviceSettingsParser"/> reads them from the deploy-time config file.</summary>
    public sealed class DeviceSettings
    {
        // Cadence and intent
        public int EventIntervalMs = 10000;
        /// <summary>Intent sent in every frame (DESIGN.md "Scopes"); Observe is always implied.</summary>
        public ushort RequestedScope = (ushort)(Scopes.Observe | Scopes.Telemetry);
        public DeviceRole Role = DeviceRole.Device;
        /// <summary>While Refused, the cadence slows by this factor (the chain keeps going, slowly).</summary>
        public int RefusedBackoffFactor = 6;

        // Entropy per event (DESIGN.md "The chain": raw_n)
        public int AdcSamplesPerEvent = 32;
        public int TimingSamplesPerEvent = 16;
        /// <summary>Iterations of the tight loop whose duration is one timing sample.</summary>
        public int TimingLoopIterations = 64;
        /// <summary>Stated min-entropy per sample, H in NIST SP 800-90B 4.4: the health-test cutoffs
        /// derive from it and no source is credited above it. Conservative defaults.</summary>
        public double AdcBitsPerSample = 1.0;
        public double TimingBitsPerSample = 0.5;
        public double RandomBitsPerByte = 2.0;
        /// <summary>No Genesis before this much pooled min-entropy (DESIGN.md "Entropy").</summary>
        public int GenesisEntropyBits = 128;

        // Delivery (DESIGN.md "Delivery")
        /// <summary>Sent frames kept until a Decision acknowledges a later seq.</summary>
        public int ResendBufferFrames = 8;
        public int RetryIntervalMs = 1000;
        public int ReconnectPollMs = 1000;
        public int EntropyPassIntervalMs = 50;

        // Gateway
        /// <summary>Subjects whose beacons a gateway reports; null or empty: every beacon heard.</summary>
        public ulong[] RegisteredSubjects;
        public int BeaconPollMs = 200;

        // Read by the nanoFramework app only
        public string WifiSsid = "";
        public string WifiPassword = "";
        public string BrokerHost = "";
        public int BrokerPort = 1883;
        /// <summary>The confidential path (DESIGN.md "What the chain proves"): TLS with the broker's CA pinned.</summary>
        public bool UseTls;
        /// <summary>PEM of the broker's CA certificate, a public value, not a device secret.</summary>
        public string BrokerCaCertificatePem = "";
        /// <summary>Where the app reads that PEM from (deployed next to the settings file).</summary>
        public string BrokerCaCertificateFile = "";
    }
}
