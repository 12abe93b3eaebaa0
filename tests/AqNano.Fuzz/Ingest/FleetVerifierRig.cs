using AqNano.Fuzz.Corpus;
using AqNano.Protocol;
using AqNano.Protocol.Frames;
using AqNano.Verifier;
using AqNano.Verifier.Lineage;
using AqNano.Verifier.Policy;
using AqNano.Verifier.Replay;
using AqNano.Verifier.Stores;

namespace AqNano.Fuzz.Ingest;

/// <summary>The real verifier core (FleetVerifier) as the ingest target's rig: default policy, on
/// virtual time, with an in-memory ledger and state store. The vectors' Witness sender is registered,
/// so that fuzzed Witness frames reach the witness rules rather than stopping at "unregistered".</summary>
public static class FleetVerifierRig
{
    public static IngestRig Create(IReadOnlyList<byte[]> seeds)
    {
        var policy = new VerifierPolicy();
        foreach (byte[] seed in seeds)
        {
            if (seed.Length > FrameLayout.KindOffset && seed[FrameLayout.KindOffset] == (byte)FrameKind.Witness)
            {
                policy.Witnesses.Add(Hex.FromWire(BitConverter.ToUInt64(seed, FrameLayout.DeviceIdOffset)));
            }
        }
        var ledger = new InMemoryLedger();
        var store = new InMemoryDeviceStateStore();
        var verifier = new FleetVerifier(policy, ledger, new CaptureClock(IngestTarget.StartUnixMs), store);
        return new IngestRig(verifier, verifier, store, ledger, verifier.StateBytes);
    }

    /// <param name="inputsPerRig">Inputs judged by one primed verifier before a fresh one is made: many in a
    /// campaign (state builds up, deeper rules are reached), 1 under AFL++ (each input's coverage then depends
    /// on that input alone, as AFL++ assumes, and a crash replays from a single file).</param>
    public static IngestTarget Target(IReadOnlyList<byte[]>? seeds = null, int inputsPerRig = 1_000)
    {
        seeds ??= SeedCorpus.Load();
        return new IngestTarget(() => Create(seeds), IngestPriming.Chain(seeds), inputsPerRig);
    }
}
