using AqNano.Verifier.Lineage;
using AqNano.Verifier.Policy;
using AqNano.Verifier.Replay;

namespace AqNano.Verifier.Tests;

/// <summary>Nothing acknowledged is lost: when the ledger cannot append, Judge throws (the broker does not
/// acknowledge) and the device's state is as before, so the resent frame is judged afresh.</summary>
public class FailureTests
{
    private sealed class FlakyLedger : ILedger
    {
        private readonly InMemoryLedger _inner = new();
        public bool Failing { get; set; }
        public LedgerEntry Append(long timeUnixMs, string kind, ulong deviceId, ReadOnlySpan<byte> frame, string detail) =>
            Failing && kind == "decision" ? throw new IOException("disk full") : _inner.Append(timeUnixMs, kind, deviceId, frame, detail);
        // Like SqliteLedger and InMemoryLedger: a batch is one transaction, all of it or none.
        public IReadOnlyList<LedgerEntry> AppendBatch(IReadOnlyList<PendingRecord> records) =>
            Failing && records.Any(r => r.Kind == "decision") ? throw new IOException("disk full") : _inner.AppendBatch(records);
        public IEnumerable<LedgerEntry> Read(long fromSequence = 1) => _inner.Read(fromSequence);
        public IEnumerable<LedgerEntry> ReadDevice(ulong deviceId) => _inner.ReadDevice(deviceId);
        public long? Verify() => _inner.Verify();
        public void Dispose() => _inner.Dispose();
    }

    [Fact]
    public void AFailedAppendLeavesTheStateAsBeforeAndTheResentFrameIsAccepted()
    {
        var ledger = new FlakyLedger();
        var clock = new CaptureClock(Harness.Start);
        var verifier = new FleetVerifier(new VerifierPolicy(), ledger, clock);
        var device = TestDevice.Create(240);
        verifier.Judge(new InboundFrame(device.Topic, device.Genesis(), clock.NowUnixMs, "d", PathMode.Open));
        byte[] before = verifier.StateBytes(device.DeviceId)!;
        byte[] next = device.Next();
        int recordsBefore = ledger.Read().Count();
        ledger.Failing = true;
        Assert.Throws<IOException>(() => verifier.Judge(new InboundFrame(device.Topic, next, clock.NowUnixMs + 5000, "d", PathMode.Open)));
        Assert.Equal(before, verifier.StateBytes(device.DeviceId));
        Assert.Equal(recordsBefore, ledger.Read().Count()); // no half-recorded judgement
        ledger.Failing = false;
        Judgement resent = verifier.Judge(new InboundFrame(device.Topic, next, clock.NowUnixMs + 6000, "d", PathMode.Open));
        Assert.Equal(Verdict.Next, resent.Verdict);

        var fresh = TestDevice.Create(241);
        ledger.Failing = true;
        Assert.Throws<IOException>(() => verifier.Judge(new InboundFrame(fresh.Topic, fresh.Genesis(), clock.NowUnixMs, "f", PathMode.Open)));
        Assert.Null(verifier.Device(fresh.DeviceId));
    }

    [Fact]
    public void AFailedAppendForgetsTheCertificateItWouldHaveBoundAndTheResentFrameRecordsIt()
    {
        var ledger = new FlakyLedger();
        var clock = new CaptureClock(Harness.Start);
        var verifier = new FleetVerifier(new VerifierPolicy(), ledger, clock);
        var device = TestDevice.Create(242);
        var certificate = new Evidence.CertificateEvidence("CN=pump", "CN=Plant CA", "01", Harness.Start - 1000, Harness.Start + 3_600_000, new string('c', 64), true, false);
        verifier.Judge(new InboundFrame(device.Topic, device.Genesis(), clock.NowUnixMs, "plain", PathMode.Open));
        byte[] next = device.Next();
        ledger.Failing = true;
        Assert.Throws<IOException>(() => verifier.Judge(new InboundFrame(device.Topic, next, clock.NowUnixMs + 5000, "tls", PathMode.Confidential) { Certificate = certificate }));
        Assert.Null(verifier.Device(device.DeviceId)!.Certificate);
        Assert.DoesNotContain(ledger.Read(), e => e.Kind == "certificate");
        ledger.Failing = false;
        Judgement resent = verifier.Judge(new InboundFrame(device.Topic, next, clock.NowUnixMs + 6000, "tls", PathMode.Confidential) { Certificate = certificate });
        Assert.Equal("valid", resent.Evidence!.Certificate);
        Assert.Single(ledger.Read(), e => e.Kind == "certificate");
    }

    private sealed class CountingLedger : ILedger
    {
        private readonly InMemoryLedger _inner = new();
        public int Appends { get; set; }
        public int Batches { get; set; }
        public LedgerEntry Append(long timeUnixMs, string kind, ulong deviceId, ReadOnlySpan<byte> frame, string detail)
        {
            Appends++;
            return _inner.Append(timeUnixMs, kind, deviceId, frame, detail);
        }
        public IReadOnlyList<LedgerEntry> AppendBatch(IReadOnlyList<PendingRecord> records)
        {
            Batches++;
            return _inner.AppendBatch(records);
        }
        public IEnumerable<LedgerEntry> Read(long fromSequence = 1) => _inner.Read(fromSequence);
        public IEnumerable<LedgerEntry> ReadDevice(ulong deviceId) => _inner.ReadDevice(deviceId);
        public long? Verify() => _inner.Verify();
        public void Dispose() => _inner.Dispose();
    }

    [Fact]
    public void EachJudgedFrameIsOneDurableCommitOfAllItsRecords()
    {
        var ledger = new CountingLedger();
        var clock = new CaptureClock(Harness.Start);
        var verifier = new FleetVerifier(new VerifierPolicy(), ledger, clock);
        var device = TestDevice.Create(242);
        verifier.Judge(new InboundFrame(device.Topic, device.Genesis(), clock.NowUnixMs, "d", PathMode.Open));
        for (int i = 1; i <= 5; i++)
        {
            (ledger.Appends, ledger.Batches) = (0, 0);
            int recordsBefore = ledger.Read().Count();
            Judgement judged = verifier.Judge(new InboundFrame(device.Topic, device.Next(5_000_000), clock.NowUnixMs + 5000 * i, "d", PathMode.Open));
            Assert.Equal(Verdict.Next, judged.Verdict);
            Assert.True(ledger.Read().Count() - recordsBefore >= 2, "a frame and a decision record");
            Assert.Equal((0, 1), (ledger.Appends, ledger.Batches));
        }
    }
}
