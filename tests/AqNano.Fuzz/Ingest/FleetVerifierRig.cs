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
/// as is the ingest's own <see cref="WitnessChain"/>, so that fuzzed Witness frames reach the witness rules.</summary>
public static class FleetVerifierRig
{
    public static IngestRig Create(IReadOnlyList<byte[]> seeds)
    {
        var policy = new VerifierPolicy();
        policy.Witnesses.Add(Hex.FromWire(WitnessChain.DeviceId));
        foreach (byte[] seed in seeds)
        {
            if (seed.Length > FrameLayout.KindOffset && seed[FrameLayout.KindOffset] == (byte)FrameKind.Witness)
            {
                policy.Witnesses.Add(Hex.FromWire(BitConverter.ToUInt64(seed, FrameLayout.DeviceIdOffset)));
            }
        }
        var ledger = new InMemoryLedger();
        var store = new InMemoryDeviceStateStore();
        var clock = new CaptureClock(IngestTarget.StartUnixMs);
        var verifier = new FleetVerifier(policy, ledger, clock, store);
        return new IngestRig(verifier, verifier, store, ledger, verifier.StateBytes, clock.Set);
    }

    /// <param name="inputsPerRig">Inputs judged by one primed verifier before a fresh one is made: many in a
    /// campaign (state builds up, deeper rules are reached), 1 under AFL++ (each input's coverage then depends
    /// on that input alone, as AFL++ assumes, and a crash replays from a single file).</param>
    public static IngestTarget Target(IReadOnlyList<byte[]>? seeds = null, int inputsPerRig = 1_000)
    {
        // seeds: the vectors' frames (the witness chain is derived from them).
        seeds ??= SeedCorpus.Load();
        return new IngestTarget(() => Create(seeds), IngestPriming.Chain(seeds), inputsPerRig);
    }

    /// <summary>What the ingest campaign and AFL++ start from: the vectors plus the witness chain.</summary>
    public static IReadOnlyList<byte[]> Seeds() => IngestPriming.Seeds(SeedCorpus.Load());
}
