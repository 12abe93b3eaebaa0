using AqNano.Protocol;
using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;
using AqNano.Protocol.Host;
using AqNano.Simulator.Capture;
using AqNano.Simulator.Scenarios;

namespace AqNano.Simulator.Tests;

/// <summary>What each attack put on the wire, checked from the capture with the protocol's own
/// chain math: the evidence the verifier is meant to judge is really there (the judging itself is
/// the verifier's end-to-end tests' job).</summary>
public sealed class AttackEffectTests
{
    private readonly ChainMath _math = new(new HostHmacSha256());

    [Fact]
    public void HonestBoardsBuildUnbrokenChainsThroughLossOutagesAndAReboot()
    {
        CapturedRun run = CapturedRun.Of("honest-fleet");
        int linksChecked = 0;
        foreach (ulong id in run.Run.Roles["honest"].DeviceIds.Concat(run.Run.Roles["rebooted"].DeviceIds))
        {
            // Distinct frames per (epoch, seq): QoS 1 duplicates are byte-identical, never different.
            var frames = run.ObsFrames().Where(f => f.Frame.DeviceId == id)
                .GroupBy(f => (f.Frame.Epoch, f.Frame.Seq))
                .Select(g => { Assert.Single(g.Select(x => Convert.ToBase64String(x.Line.Frame)).Distinct()); return g.First().Frame; })
                .ToList();
            foreach (var epoch in frames.GroupBy(f => f.Epoch))
            {
                Frame[] chain = epoch.OrderBy(f => f.Seq).ToArray();
                Assert.Equal(FrameKind.Genesis, chain[0].Kind);
                for (int i = 1; i < chain.Length; i++)
                {
                    Assert.Equal(chain[i - 1].Seq + 1, chain[i].Seq);
                    Assert.True(_math.Opens(chain[i].Reveal, 0, chain[i - 1].Commit, 0), $"{Hex.FromWire(id)} seq {chain[i].Seq} does not open");
                    linksChecked++;
                }
            }
        }
        Assert.True(linksChecked > 1500, $"only {linksChecked} links");
        // Ack loss of 1 % made QoS 1 duplicates, and the rebooted board has two epochs.
        Assert.True(run.Lines.Count > run.ObsFrames().Select(f => Convert.ToBase64String(f.Line.Frame)).Distinct().Count());
        Assert.Equal(2, run.ObsFrames().Where(f => f.Frame.DeviceId == run.IdOf("rebooted")).Select(f => f.Frame.Epoch).Distinct().Count());
    }

    [Theory]
    [InlineData("clone-confidential")]
    [InlineData("clone-open")]
    [InlineData("demo-mix")]
    public void AClonePutsASecondValidFrameForASeqOnTheWireFromItsOwnConnection(string scenario)
    {
        CapturedRun run = CapturedRun.Of(scenario);
        ulong id = run.Run.Roles["target"].DeviceIds.Single();
        var conflicts = CompetingPairs(run, id).Where(p => p.A.Line.Connection != p.B.Line.Connection).ToList();
        Assert.NotEmpty(conflicts);
        // The clone links first (as the scenario's expectation says): the original's frame is the second.
        Assert.Contains(conflicts, p => CapturedRun.From(p.A.Line, "clone-dev-0000") && CapturedRun.From(p.B.Line, "dev-0000"));
        // After the shared link the two states diverge (each mixes its own entropy): the clone's
        // later frames continue its own fork, each reveal opening the clone's previous commitment.
        Frame[] fork = run.ObsFrames(l => CapturedRun.From(l, "clone-dev-0000")).Select(f => f.Frame)
            .GroupBy(f => f.Seq).Select(g => g.First()).OrderBy(f => f.Seq).ToArray();
        Assert.True(fork.Length > 3);
        for (int i = 1; i < fork.Length; i++) Assert.True(_math.Opens(fork[i].Reveal, 0, fork[i - 1].Commit, 0));
    }

    [Fact]
    public void ACompromisedBatchMakesConflictsForEveryClonedBoard()
    {
        CapturedRun run = CapturedRun.Of("compromised-batch");
        Assert.Equal(4, run.Run.Roles["target"].DeviceIds.Count);
        Assert.All(run.Run.Roles["target"].DeviceIds, id => Assert.NotEmpty(CompetingPairs(run, id)));
        Assert.All(run.Run.Roles["honest"].DeviceIds, id => Assert.Empty(CompetingPairs(run, id)));
    }

    [Theory]
    [InlineData("mitm-open")]
    [InlineData("mitm-confidential")]
    public void AManInTheMiddleSendsTheRewrittenFrameFirstOnTheDevicesOwnConnection(string scenario)
    {
        CapturedRun run = CapturedRun.Of(scenario);
        ulong id = run.IdOf("target");
        // One conflict: n' against the device's held n, both on the device's own connection.
        var pair = Assert.Single(CompetingPairs(run, id));
        Assert.Equal(pair.A.Line.Connection, pair.B.Line.Connection);
        Assert.Equal(Scopes.All, pair.A.Frame.RequestedScope);
        Assert.NotEqual(Scopes.All, pair.B.Frame.RequestedScope);
        // Then the rewritten chain keeps linking from n' (three rewritten frames in all), each sent
        // before the device's own frame of that seq.
        var forged = run.ObsFrames(l => l.Topic == Topics.Observation(id)).Where(f => f.Frame.RequestedScope == Scopes.All).ToList();
        Assert.Equal(3, forged.Count);
        for (int i = 1; i < forged.Count; i++)
        {
            Assert.Equal(forged[i - 1].Frame.Seq + 1, forged[i].Frame.Seq);
            Assert.True(_math.Opens(forged[i].Frame.Reveal, 0, forged[i - 1].Frame.Commit, 0));
        }
        foreach (var f in forged)
        {
            var own = run.ObsFrames(l => l.Topic == Topics.Observation(id)).First(o => o.Frame.Seq == f.Frame.Seq && o.Frame.RequestedScope != Scopes.All);
            Assert.True(f.Line.UnixMs <= own.Line.UnixMs);
        }
    }

    [Fact]
    public void AWitnessHearingTheBeaconsReportsTheRealDigestNotTheRewrittenOne()
    {
        CapturedRun run = CapturedRun.Of("mitm-open-witness");
        ulong target = run.IdOf("target");
        HashSet<string> realDigests = new(), forgedDigests = new();
        foreach (var (line, frame) in run.ObsFrames(l => l.Topic == Topics.Observation(target)))
        {
            (frame.RequestedScope == Scopes.All ? forgedDigests : realDigests).Add(Digest(line.Frame));
        }
        string[] witnessed = WitnessedDigests(run, target).ToArray();
        Assert.NotEmpty(witnessed);
        Assert.All(witnessed, d => Assert.Contains(d, realDigests));
        Assert.Empty(witnessed.Intersect(forgedDigests));
    }

    [Fact]
    public void ALyingWitnessReportsDigestsNoDeviceSentOnlyAfterItStartsLying()
    {
        CapturedRun run = CapturedRun.Of("lying-witness");
        HashSet<string> real = run.ObsFrames(l => !l.Connection.StartsWith("gw-")).Select(f => Digest(f.Line.Frame)).ToHashSet();
        long liesFrom = run.Run.Scheduler.UnixStartMs + 3 * 60_000;
        var reports = run.ObsFrames(l => l.Connection.StartsWith("gw-00")).Where(f => f.Frame.Kind == FrameKind.Witness)
            .Select(f => (f.Line.UnixMs, Digest: Convert.ToHexString(f.Frame.SubjectFrameDigest).ToLowerInvariant())).ToList();
        Assert.Contains(reports, r => r.UnixMs < liesFrom);
        Assert.All(reports.Where(r => r.UnixMs < liesFrom - 2000), r => Assert.Contains(r.Digest, real));
        Assert.All(reports.Where(r => r.UnixMs > liesFrom + 2000), r => Assert.DoesNotContain(r.Digest, real));
        Assert.Contains(reports, r => r.UnixMs > liesFrom + 2000);
    }

    [Fact]
    public void ATamperedFrameLinksButItsTagFailsWhenTheNextFrameRevealsTheKey()
    {
        CapturedRun run = CapturedRun.Of("tamper");
        ulong id = run.IdOf("target");
        Frame[] chain = run.ObsFrames().Where(f => f.Frame.DeviceId == id).Select(f => f.Frame)
            .GroupBy(f => (f.Epoch, f.Seq)).Select(g => g.First()).OrderBy(f => f.Seq).ToArray();
        Dictionary<uint, byte[]> bytesBySeq = run.ObsFrames().Where(f => f.Frame.DeviceId == id)
            .GroupBy(f => f.Frame.Seq).ToDictionary(g => g.Key, g => g.First().Line.Frame);
        List<uint> altered = new();
        for (int i = 0; i + 1 < chain.Length; i++)
        {
            Assert.True(_math.Opens(chain[i + 1].Reveal, 0, chain[i].Commit, 0));
            byte[] bytes = bytesBySeq[chain[i].Seq];
            byte[] digest = new byte[32];
            _math.FrameDigest(bytes, 0, bytes.Length - 32, digest, 0);
            if (!_math.TagMatches(chain[i + 1].Reveal, 0, digest, 0, bytes, bytes.Length - 32)) altered.Add(chain[i].Seq);
        }
        Assert.Equal(2, altered.Count);
    }

    [Fact]
    public void AReplayRepublishesByteIdenticalOldFramesFromAnotherConnection()
    {
        CapturedRun run = CapturedRun.Of("replay");
        var original = run.Lines.Where(l => CapturedRun.From(l, "dev-0000")).ToList();
        var replayed = run.Lines.Where(l => CapturedRun.From(l, "attacker-replay")).ToList();
        Assert.Equal(20, replayed.Count);
        Assert.All(replayed, r => Assert.Contains(original, o => o.Frame.AsSpan().SequenceEqual(r.Frame) && o.UnixMs < r.UnixMs));
    }

    [Fact]
    public void AnEavesdropperInjectsCompetingFramesAfterTheRealOnes()
    {
        CapturedRun run = CapturedRun.Of("eavesdropper");
        var pairs = CompetingPairs(run, run.Run.Roles["target"].DeviceIds.Single()).ToList();
        Assert.Equal(3, pairs.Count);
        Assert.All(pairs, p =>
        {
            Assert.True(CapturedRun.From(p.A.Line, "dev-0000"));
            Assert.True(CapturedRun.From(p.B.Line, "attacker-eavesdropper"));
        });
    }

    [Fact]
    public void TheGenesisRaceSendsTheImpostorsGenesisBeforeTheDevicesOwn()
    {
        CapturedRun run = CapturedRun.Of("genesis-race");
        ulong id = run.Run.Roles["target"].DeviceIds.Single();
        var geneses = run.ObsFrames().Where(f => f.Frame.DeviceId == id && f.Frame.Kind == FrameKind.Genesis).ToList();
        Assert.True(CapturedRun.From(geneses[0].Line, "attacker-genesis"));
        Assert.Contains(geneses, g => CapturedRun.From(g.Line, "dev-0000") && g.Line.UnixMs >= run.Run.Scheduler.UnixStartMs + 120_000);
    }

    [Fact]
    public void MalformedFloodFramesAllFailToParseOrSitOnAnotherIdsTopic()
    {
        CapturedRun run = CapturedRun.Of("malformed-flood");
        var flood = run.Lines.Where(l => CapturedRun.From(l, "attacker-flood")).ToList();
        Assert.Equal(600, flood.Count);
        Frame frame = new();
        Assert.All(flood, l =>
        {
            bool parses = FrameCodec.TryParse(l.Frame, 0, l.Frame.Length, frame, out _);
            Assert.True(!parses || Topics.Observation(frame.DeviceId) != l.Topic);
        });
        Assert.True(flood.Select(l => FrameCodec.Check(l.Frame, 0, l.Frame.Length)).Distinct().Count() >= 4);
    }

    [Fact]
    public void SpoofedDecisionsAreWellFormedAdmitFullGrantsFromANonVerifierConnection()
    {
        CapturedRun run = CapturedRun.Of("spoofed-decision");
        var spoofs = run.Lines.Where(l => l.Topic.EndsWith(Topics.DecisionSuffix)).ToList();
        Assert.Equal(5, spoofs.Count);
        Frame decision = new();
        Assert.All(spoofs, s =>
        {
            Assert.True(CapturedRun.From(s, "attacker-decision"));
            Assert.True(FrameCodec.TryParse(s.Frame, 0, s.Frame.Length, decision, out _));
            Assert.Equal(DecisionMode.AdmitFull, decision.Mode);
        });
    }

    [Fact]
    public void ARebootStormStartsANewEpochPerResetAndDormancyKeepsOne()
    {
        CapturedRun storm = CapturedRun.Of("reboot-storm");
        int epochs = storm.ObsFrames().Where(f => f.Frame.DeviceId == storm.IdOf("target")).Select(f => f.Frame.Epoch).Distinct().Count();
        Assert.Equal(9, epochs);

        CapturedRun dormancy = CapturedRun.Of("long-dormancy");
        var target = dormancy.ObsFrames().Where(f => f.Frame.DeviceId == dormancy.IdOf("target")).ToList();
        Assert.Single(target.Select(f => f.Frame.Epoch).Distinct());
        long start = dormancy.Run.Scheduler.UnixStartMs;
        Assert.DoesNotContain(target, f => f.Line.UnixMs > start + 10 * 60_000 + 1000 && f.Line.UnixMs < start + 370 * 60_000);
        Assert.Contains(target, f => f.Line.UnixMs > start + 370 * 60_000);
    }

    [Fact]
    public void LightSleepingBoardsFlagSlowClockAndKeepOneUnbrokenChain()
    {
        CapturedRun run = CapturedRun.Of("light-sleep");
        foreach (ulong id in run.Run.Roles["honest"].DeviceIds)
        {
            Frame[] chain = run.ObsFrames().Where(f => f.Frame.DeviceId == id).Select(f => f.Frame)
                .GroupBy(f => f.Seq).Select(g => g.First()).OrderBy(f => f.Seq).ToArray();
            Assert.Single(chain.Select(f => f.Epoch).Distinct());
            Assert.True(chain.Length > 300);
            for (int i = 1; i < chain.Length; i++) Assert.True(_math.Opens(chain[i].Reveal, 0, chain[i - 1].Commit, 0));
            Assert.True(chain.Skip(1).Count(f => (f.Flags & 0x01) != 0) > chain.Length * 9 / 10, "most Observations follow a light sleep");
            Assert.Equal(0, chain[0].Flags);
        }
        CapturedRun awake = CapturedRun.Of("honest-fleet", new RunOptions { DurationMinutes = 5 });
        Assert.All(awake.ObsFrames(), f => Assert.Equal(0, f.Frame.Flags & 0x01));
    }

    [Fact]
    public void SybilIdentitiesAreFiftyFreshIdsEachWithAGenesis()
    {
        CapturedRun run = CapturedRun.Of("sybil");
        HashSet<ulong> sybils = run.Run.Roles["sybil"].DeviceIds.ToHashSet();
        Assert.Equal(50, sybils.Count);
        Assert.Equal(sybils, run.ObsFrames().Where(f => f.Frame.Kind == FrameKind.Genesis && sybils.Contains(f.Frame.DeviceId)).Select(f => f.Frame.DeviceId).ToHashSet());
    }

    /// <summary>Pairs of different frames for one (epoch, seq >= 1) of <paramref name="id"/> with the
    /// same reveal, in arrival order: what the verifier calls a conflict.</summary>
    private IEnumerable<((CaptureLine Line, Frame Frame) A, (CaptureLine Line, Frame Frame) B)> CompetingPairs(CapturedRun run, ulong id)
    {
        foreach (var group in run.ObsFrames().Where(f => f.Frame.DeviceId == id && f.Frame.Seq >= 1).GroupBy(f => (f.Frame.Epoch, f.Frame.Seq)))
        {
            var distinct = group.GroupBy(f => Convert.ToBase64String(f.Line.Frame)).Select(g => g.First()).ToList();
            for (int i = 1; i < distinct.Count; i++)
            {
                if (distinct[0].Frame.Reveal.AsSpan().SequenceEqual(distinct[i].Frame.Reveal)) yield return (distinct[0], distinct[i]);
            }
        }
    }

    private string Digest(byte[] frame)
    {
        byte[] digest = new byte[32];
        _math.FrameDigest(frame, 0, frame.Length - 32, digest, 0);
        return Convert.ToHexString(digest).ToLowerInvariant();
    }

    private static IEnumerable<string> WitnessedDigests(CapturedRun run, ulong subject) =>
        run.ObsFrames(l => l.Connection.StartsWith("gw-")).Where(f => f.Frame.Kind == FrameKind.Witness && f.Frame.SubjectDeviceId == subject)
            .Select(f => Convert.ToHexString(f.Frame.SubjectFrameDigest).ToLowerInvariant());
}
