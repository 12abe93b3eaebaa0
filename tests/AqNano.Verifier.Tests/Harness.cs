using AqNano.Verifier.Evidence;
using AqNano.Verifier.Lineage;
using AqNano.Verifier.Policy;
using AqNano.Verifier.Replay;
using AqNano.Verifier.Stores;

namespace AqNano.Verifier.Tests;

/// <summary>A verifier on virtual time with an in-memory ledger and state store, and helpers to send frames.</summary>
internal sealed class Harness
{
    public const long Start = 1_764_000_000_000;
    public CaptureClock Clock { get; } = new(Start);
    public InMemoryLedger Ledger { get; } = new();
    public InMemoryDeviceStateStore Store { get; } = new();
    public VerifierPolicy Policy { get; }
    public FleetVerifier Verifier { get; }
    public List<Judgement> Judgements { get; } = new();

    /// <summary>When set, every judgement of every harness on this flow is collected (the coverage test).</summary>
    public static readonly AsyncLocal<List<Judgement>?> Collector = new();

    public Harness(VerifierPolicy? policy = null)
    {
        Policy = policy ?? new VerifierPolicy();
        Verifier = new FleetVerifier(Policy, Ledger, Clock, Store);
        List<Judgement>? collector = Collector.Value;
        if (collector != null) Verifier.Judged += collector.Add;
    }

    public long Now => Clock.NowUnixMs;

    public Judgement Send(TestDevice device, byte[] frame, long afterMs = 0, string connection = "device", PathMode path = PathMode.Open, string? topic = null,
                          CertificateEvidence? certificate = null)
    {
        Clock.Advance(afterMs);
        Judgement judgement = Verifier.Judge(new InboundFrame(topic ?? device.Topic, frame, Now, connection, path) { Certificate = certificate });
        Judgements.Add(judgement);
        return judgement;
    }

    /// <summary>Genesis then <paramref name="links"/> Observations at <paramref name="intervalMs"/>, uptime advancing with wall time.</summary>
    public Judgement Run(TestDevice device, int links, int intervalMs = 5000, string connection = "device", PathMode path = PathMode.Open)
    {
        Judgement last = Send(device, device.Genesis(), 0, connection, path);
        return Continue(device, links, intervalMs, connection, path) ?? last;
    }

    public Judgement? Continue(TestDevice device, int links, int intervalMs = 5000, string connection = "device", PathMode path = PathMode.Open,
                               CertificateEvidence? certificate = null)
    {
        Judgement? last = null;
        for (int i = 0; i < links; i++) last = Send(device, device.Next((ulong)intervalMs * 1000), intervalMs, connection, path, certificate: certificate);
        return last;
    }

    public byte[] State(TestDevice device) => Verifier.StateBytes(device.DeviceId)!;

    public IEnumerable<LedgerEntry> Records(string kind) => Ledger.Read().Where(entry => entry.Kind == kind);
}
