using AqNano.Protocol;
using AqNano.Protocol.Frames;

namespace AqNano.Verifier.Tests;

/// <summary>The verdicts of DESIGN.md "The verifier's rules" for one honest device and its replays.</summary>
public class ChainVerdictTests
{
    [Fact]
    public void GenesisOfAnUnknownIdIsANewDeviceAtMostRestricted()
    {
        var h = new Harness();
        var device = TestDevice.Create(1);
        Judgement j = h.Send(device, device.Genesis());
        Assert.Equal(Verdict.Genesis, j.Verdict);
        Assert.Equal(DecisionMode.AdmitRestricted, j.Mode);
        Assert.Equal(Reasons.NewDevice, j.Reason);
        Assert.Equal(Scopes.Observe, j.GrantedScope); // requested scope counts only once the Genesis tag checks
        Assert.True(j.Forward && j.TakeOwnership);
        Assert.NotNull(j.DecisionFrame);
    }

    [Fact]
    public void NextLinkIsAcceptedAndTheDecisionAcksItsDigest()
    {
        var h = new Harness();
        var device = TestDevice.Create(2);
        device.RequestedScope = Scopes.Observe | Scopes.Telemetry | Scopes.Actuate;
        h.Send(device, device.Genesis());
        Judgement j = h.Send(device, device.Next(), 5000);
        Assert.Equal(Verdict.Next, j.Verdict);
        Assert.Equal(DecisionMode.AdmitRestricted, j.Mode);
        Assert.Equal(Scopes.Observe | Scopes.Telemetry, j.GrantedScope); // restricted ceiling masks Actuate
        var decision = new Frame();
        Assert.True(FrameCodec.TryParse(j.DecisionFrame!, 0, j.DecisionFrame!.Length, decision, out _));
        Assert.Equal(FrameKind.Decision, decision.Kind);
        Assert.Equal(1u, decision.Seq);
        Assert.Equal(device.Epoch, decision.Epoch);
        Assert.Equal(device.Digests[1], decision.AckFrameDigest);
        Assert.Equal((ulong)h.Now * 1000, decision.UptimeUs);
    }

    [Fact]
    public void DuplicateIsIgnoredWithoutChangingStateAndForwardedOnlyForTheOwner()
    {
        var h = new Harness();
        var device = TestDevice.Create(3);
        h.Send(device, device.Genesis());
        byte[] first = device.Next();
        h.Send(device, first, 5000);
        byte[] second = device.Next();
        h.Send(device, second, 5000);
        byte[] before = h.State(device);
        long records = h.Ledger.Count;

        Judgement again = h.Send(device, second, 100);
        Judgement older = h.Send(device, first, 100, connection: "someone-else");
        Assert.Equal(Verdict.Duplicate, again.Verdict);
        Assert.True(again.Forward);
        Assert.Null(again.DecisionFrame);
        Assert.Equal(Verdict.Duplicate, older.Verdict);
        Assert.False(older.Forward);
        Assert.Equal(before, h.State(device));
        Assert.Equal(records, h.Ledger.Count);
    }

    [Fact]
    public void GapIsRefusedModeUnchangedAndTheDecisionAcksTheLastAcceptedSeq()
    {
        var h = new Harness();
        var device = TestDevice.Create(4);
        h.Run(device, 3);
        byte[] before = h.State(device);
        DecisionMode mode = h.Verifier.Device(device.DeviceId)!.Mode;
        byte[] lost = device.Next();
        byte[] ahead = device.Next();
        Judgement gap = h.Send(device, ahead, 5000);
        Assert.Equal(Verdict.Gap, gap.Verdict);
        Assert.Equal(mode, gap.Mode);
        Assert.Equal(Reasons.Gap, gap.Reason);
        Assert.False(gap.Forward);
        var decision = new Frame();
        Assert.True(FrameCodec.TryParse(gap.DecisionFrame!, 0, 68, decision, out _));
        Assert.Equal(3u, decision.Seq);
        Assert.Equal(mode, decision.Mode);
        Assert.Equal(before, h.State(device));

        // A gap from another connection is refused too, but its Decision is not published.
        Assert.Null(h.Send(device, ahead, 10, connection: "stranger").DecisionFrame);

        // The device resends from the acknowledged seq: both links are accepted.
        Assert.Equal(Verdict.Next, h.Send(device, lost, 100).Verdict);
        Assert.Equal(Verdict.Next, h.Send(device, ahead, 100).Verdict);
    }

    [Fact]
    public void BrokenLinkIsRefusedAndWeighsNothing()
    {
        var h = new Harness();
        var device = TestDevice.Create(5);
        h.Run(device, 2);
        byte[] before = h.State(device);
        byte[] forged = device.Next();
        forged[FrameLayout.ChainRevealOffset(device.FeatureMask) + 3] ^= 0x40; // a reveal that opens nothing
        Judgement j = h.Send(device, forged, 5000);
        Assert.Equal(Verdict.Broken, j.Verdict);
        Assert.Equal(DecisionMode.Refused, j.Mode);
        Assert.Equal(Reasons.BrokenLink, j.Reason);
        Assert.False(j.Forward);
        Assert.Equal(before, h.State(device));
    }

    [Fact]
    public void NonGenesisOfAnUnknownIdIsBroken()
    {
        var h = new Harness();
        var device = TestDevice.Create(6);
        device.Genesis();
        Judgement j = h.Send(device, device.Next());
        Assert.Equal(Verdict.Broken, j.Verdict);
        Assert.Equal(Reasons.BrokenLink, j.Reason);
        Assert.Null(h.Verifier.Device(device.DeviceId));
        Assert.Equal(Scopes.Observe, h.Verifier.GrantedScope(device.DeviceId));
    }

    [Fact]
    public void ReplayOlderThanTheRingIsStale()
    {
        var h = new Harness();
        var device = TestDevice.Create(7);
        h.Send(device, device.Genesis());
        byte[] old = device.Next();
        h.Send(device, old, 5000);
        h.Continue(device, 6);
        byte[] before = h.State(device);
        Judgement j = h.Send(device, old, 100, connection: "replayer");
        Assert.Equal(Verdict.Stale, j.Verdict);
        Assert.Equal(Reasons.StaleFrame, j.Reason);
        Assert.Equal(before, h.State(device));
    }

    [Fact]
    public void ASecondGenesisForASeenEpochIsRefused()
    {
        var h = new Harness();
        var device = TestDevice.Create(8);
        h.Run(device, 6);
        var copy = new TestDevice(device.DeviceId, device.Epoch, 99);
        Judgement j = h.Send(copy, copy.Genesis(), 100, connection: "attacker");
        Assert.Equal(Verdict.Stale, j.Verdict);
        Assert.Equal(Reasons.EpochReplayed, j.Reason);
    }

    [Fact]
    public void FrameWhoseIdDiffersFromItsTopicIsMalformed()
    {
        var h = new Harness();
        var device = TestDevice.Create(9);
        var other = TestDevice.Create(10);
        Judgement j = h.Send(device, device.Genesis(), topic: other.Topic);
        Assert.Equal(Verdict.Malformed, j.Verdict);
        Assert.Equal(Reasons.TopicMismatch, j.Reason);
        Assert.Null(h.Verifier.Device(device.DeviceId));
    }

    [Theory]
    [InlineData("aq/v1/dev/0011223344556677/decision")]
    [InlineData("aq/v1/dev/0011223344556677/app/x")]
    [InlineData("something/else")]
    public void NonObsTopicsAreRefused(string topic)
    {
        var h = new Harness();
        var device = TestDevice.Create(11);
        Judgement j = h.Send(device, device.Genesis(), topic: topic);
        Assert.Equal(Verdict.Malformed, j.Verdict);
        Assert.Equal(Reasons.TopicMismatch, j.Reason);
    }

    [Fact]
    public void BytesThatAreNotAFrameAreMalformedWithTheirRejectionInTheRecord()
    {
        var h = new Harness();
        var device = TestDevice.Create(12);
        byte[] frame = device.Genesis();
        Judgement truncated = h.Send(device, frame[..^1]);
        Judgement huge = h.Send(device, new byte[4096]);
        Assert.Equal(Reasons.MalformedFrame, truncated.Reason);
        Assert.Contains("LengthMismatch", truncated.Explanation);
        Assert.Equal(Reasons.MalformedFrame, huge.Reason);
        Assert.Equal(2, h.Records("refusal").Count());
    }

    [Fact]
    public void ADecisionPublishedOnAnObsTopicIsNotAChainFrame()
    {
        var h = new Harness();
        var device = TestDevice.Create(13);
        Judgement genesis = h.Send(device, device.Genesis());
        Judgement j = h.Send(device, genesis.DecisionFrame!, 10);
        Assert.Equal(Verdict.Malformed, j.Verdict);
        Assert.Equal(Reasons.NotAChainFrame, j.Reason);
    }
}
