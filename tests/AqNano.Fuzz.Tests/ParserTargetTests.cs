using AqNano.Fuzz.Corpus;
using AqNano.Fuzz.Targets;
using AqNano.Protocol.Frames;

namespace AqNano.Fuzz.Tests;

/// <summary>The parser target's own checks: it accepts the vectors, names the right refusal, and
/// the snapshot it compares on refusal really sees every field (else invariant 2 could never fail).</summary>
public class ParserTargetTests
{
    [Fact]
    public void Every_reference_frame_is_accepted_and_round_trips()
    {
        var target = new ParserTarget();
        foreach (byte[] seed in ReferenceSeeds.Load()) Assert.Equal(FrameRejection.None, target.Run(seed));
    }

    [Fact]
    public void Every_seed_valid_or_not_keeps_the_invariants()
    {
        var target = new ParserTarget();
        var outcomes = SeedCorpus.Load().Select(seed => target.Run(seed)).ToList();
        Assert.Contains(FrameRejection.None, outcomes);
        Assert.True(outcomes.Distinct().Count() > 5, "the project vectors' invalid frames should give several refusal reasons");
    }

    [Fact]
    public void A_refusal_comes_back_as_its_reason()
    {
        byte[] frame = SeedCorpus.Load()[0];
        frame[0] = (byte)'B';
        Assert.Equal(FrameRejection.BadMagic, new ParserTarget().Run(frame));
        Assert.Equal(FrameRejection.ShorterThanHeader, new ParserTarget().Run(new byte[31]));
    }

    [Fact]
    public void The_snapshot_changes_with_every_field()
    {
        byte[] sentinel = FrameSnapshot.Of(FrameSnapshot.Sentinel());
        var edits = new List<Action<Frame>>
        {
            f => f.Kind = FrameKind.Genesis, f => f.DeviceId++, f => f.Epoch++, f => f.Seq++, f => f.UptimeUs++,
            f => f.Flags++, f => f.ResetCause++, f => f.RequestedScope++, f => f.FeatureMask++, f => f.Features[7]++,
            f => f.SubjectDeviceId++, f => f.SubjectEpoch++, f => f.SubjectSeq++, f => f.SubjectFrameDigest[31]++, f => f.Rssi++, f => f.Path++,
            f => f.Reveal[31]++, f => f.Commit[31]++, f => f.Tag[31]++, f => f.Mode++, f => f.Reason++, f => f.GrantedScope++, f => f.AckFrameDigest[31]++,
        };
        foreach (Action<Frame> edit in edits)
        {
            Frame frame = FrameSnapshot.Sentinel();
            edit(frame);
            Assert.NotEqual(sentinel, FrameSnapshot.Of(frame));
        }
    }
}
