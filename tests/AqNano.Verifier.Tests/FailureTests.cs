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
        ledger.Failing = true;
        Assert.Throws<IOException>(() => verifier.Judge(new InboundFrame(device.Topic, next, clock.NowUnixMs + 5000, "d", PathMode.Open)));
        Assert.Equal(before, verifier.StateBytes(device.DeviceId));
        ledger.Failing = false;
        Judgement resent = verifier.Judge(new InboundFrame(device.Topic, next, clock.NowUnixMs + 6000, "d", PathMode.Open));
        Assert.Equal(Verdict.Next, resent.Verdict);

        var fresh = TestDevice.Create(241);
        ledger.Failing = true;
        Assert.Throws<IOException>(() => verifier.Judge(new InboundFrame(fresh.Topic, fresh.Genesis(), clock.NowUnixMs, "f", PathMode.Open)));
        Assert.Null(verifier.Device(fresh.DeviceId));
    }
}
