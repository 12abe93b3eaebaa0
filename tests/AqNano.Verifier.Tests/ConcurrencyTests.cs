using AqNano.Verifier.Lineage;
using AqNano.Verifier.Policy;
using AqNano.Verifier.Replay;

namespace AqNano.Verifier.Tests;

/// <summary>Judge is safe from several threads: per-device locks, one ledger chain.</summary>
public class ConcurrencyTests
{
    [Fact]
    public void ManyDevicesJudgedInParallelAllLinkAndTheLedgerVerifies()
    {
        var clock = new CaptureClock(Harness.Start);
        var ledger = new InMemoryLedger();
        var verifier = new FleetVerifier(new VerifierPolicy(), ledger, clock);
        var devices = Enumerable.Range(0, 16).Select(i => TestDevice.Create(200 + i)).ToList();
        var frames = devices.Select(d => new[] { d.Genesis() }.Concat(Enumerable.Range(0, 20).Select(_ => d.Next())).ToList()).ToList();
        var verdicts = new Verdict[devices.Count][];
        Parallel.For(0, devices.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            verdicts[i] = frames[i].Select((f, n) =>
                verifier.Judge(new InboundFrame(devices[i].Topic, f, Harness.Start + n * 5000L, "c" + i, PathMode.Open)).Verdict).ToArray();
        });
        Assert.All(verdicts, v => Assert.Equal([Verdict.Genesis, .. Enumerable.Repeat(Verdict.Next, 20)], v));
        Assert.Null(ledger.Verify());
    }

    [Fact]
    public void TheSameFrameDeliveredTwiceAtOnceIsAcceptedExactlyOnce()
    {
        var h = new Harness();
        var device = TestDevice.Create(230);
        h.Run(device, 2);
        for (int round = 0; round < 50; round++)
        {
            byte[] next = device.Next();
            long at = h.Now + (round + 1) * 5000L;
            var results = new Judgement[2];
            Parallel.For(0, 2, i => results[i] = h.Verifier.Judge(new InboundFrame(device.Topic, next, at, "c" + i, PathMode.Open)));
            Assert.Equal(1, results.Count(r => r.Verdict == Verdict.Next));
            Assert.Equal(1, results.Count(r => r.Verdict == Verdict.Duplicate));
        }
    }
}
