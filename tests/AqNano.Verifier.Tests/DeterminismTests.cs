using AqNano.Verifier.Replay;

namespace AqNano.Verifier.Tests;

/// <summary>Same frames and clock: identical judgements, decisions and ledger (issue 5, item 6).</summary>
public class DeterminismTests
{
    private static (List<string> Lines, List<string> Ledger) Scenario()
    {
        var h = new Harness();
        var device = TestDevice.Create(110);
        var other = TestDevice.Create(111);
        h.Run(device, 12, path: PathMode.Confidential);
        h.Run(other, 5);
        TestDevice clone = other.Clone(112);
        h.Send(clone, clone.Next(), 1000, "clone");
        h.Send(other, other.Next(), 1000);
        var rebooted = device.Reboot(0x5EED_0110, 113);
        h.Send(rebooted, rebooted.Genesis(), 3000, "n");
        h.Send(rebooted, rebooted.Next(), 5000, "n");
        h.Clock.Advance(60_000);
        h.Verifier.Tick();
        h.Send(rebooted, rebooted.Next(), 5000, "n");
        return (h.Judgements.Select(CaptureReplayer.Format).ToList(),
                h.Ledger.Read().Select(e => $"{e.Kind} {e.TimeUnixMs} {e.Detail} {Convert.ToHexString(e.Hash)}").ToList());
    }

    [Fact]
    public void SameFramesAndClockGiveIdenticalJudgementsAndLedger()
    {
        var (lines1, ledger1) = Scenario();
        var (lines2, ledger2) = Scenario();
        Assert.Equal(lines1, lines2);
        Assert.Equal(ledger1, ledger2);
        Assert.True(lines1.Count > 20);
    }
}
