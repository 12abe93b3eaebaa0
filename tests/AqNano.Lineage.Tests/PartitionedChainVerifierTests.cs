using AqNano.Verifier.Lineage;
using AqNano.Verifier.Postgres;

namespace AqNano.Lineage.Tests;

/// <summary>The anchor's content checks on their own, without PostgreSQL: anchors whose hash was recomputed
/// after their Detail was forged (as anyone can: there is no secret in the hashes), so only the comparison
/// of the listed heads with the partition chains can catch them. Four records in partitions 3 and 4 (two
/// each), then the anchor at sequence 5.</summary>
public sealed class PartitionedChainVerifierTests
{
    private const int Count = 64;
    private static readonly ulong InThree = PartitionDevices.In(3), InFour = PartitionDevices.In(4);

    [Fact]
    public void An_honest_anchor_verifies()
    {
        var (records, heads) = FourRecords();

        var verification = PartitionedChainVerifier.Verify([.. records, Anchor(PartitionAnchor.Encode(Count, heads))], Count);

        Assert.True(verification.Verified, verification.Problem);
        Assert.Equal((5L, 2, 1L, 5L, 0L), (verification.RecordsChecked, verification.PartitionsUsed, verification.Anchors, verification.LastAnchorSequence, verification.RecordsAfterLastAnchor));
    }

    [Theory]
    [InlineData("older head", "anchor holds partition 4 at record #2, but its head before the anchor is record #4")]
    [InlineData("partition left out", "anchor says partition 4 was empty, but it holds record #4")]
    [InlineData("empty partition listed", "anchor holds partition 9 at record #4, which is missing")]
    [InlineData("listed twice", "anchor lists partition 3 out of order or range")]
    [InlineData("other count", "anchor made with 32 partitions, verifying with 64")]
    [InlineData("not json", "anchor detail is not a list of partition heads")]
    public void A_forged_anchor_with_a_recomputed_hash_fails_on_its_heads(string forgery, string expected)
    {
        var (records, heads) = FourRecords();
        string detail = forgery switch
        {
            "older head" => PartitionAnchor.Encode(Count, [heads[0], heads[1] with { Sequence = 2, Hash = records[1].Entry.Hash }]),
            "partition left out" => PartitionAnchor.Encode(Count, [heads[0]]),
            "empty partition listed" => PartitionAnchor.Encode(Count, [.. heads, heads[1] with { Partition = 9 }]),
            "listed twice" => PartitionAnchor.Encode(Count, [heads[0], heads[0], heads[1]]),
            "other count" => PartitionAnchor.Encode(32, heads),
            _ => "{\"partitionCount\":64,\"heads\":\"none\"}",
        };

        var verification = PartitionedChainVerifier.Verify([.. records, Anchor(detail)], Count);

        Assert.Equal(5, verification.FirstBadSequence);
        Assert.Contains(expected, verification.Problem);
    }

    [Fact]
    public void A_record_in_the_anchor_chain_that_is_not_an_anchor_is_refused()
    {
        var (records, _) = FourRecords();
        var policy = LedgerHashing.Chain(4, LedgerHashing.GenesisPreviousHash(), PendingRecord.Of(5, "policy", 0, "{}"));

        Assert.Contains("in the anchor chain but of kind 'policy'", PartitionedChainVerifier.Verify([.. records, (PartitionAnchor.ChainPartition, policy)], Count).Problem);
    }

    /// <summary>Sequences 1-4 alternating partitions 3 and 4, each chained to its partition's previous record.</summary>
    private static (List<(int Partition, LedgerEntry Entry)> Records, List<PartitionHead> Heads) FourRecords()
    {
        var records = new List<(int, LedgerEntry)>();
        byte[] three = LedgerHashing.GenesisPreviousHash(), four = LedgerHashing.GenesisPreviousHash();
        for (int n = 1; n <= 4; n++)
        {
            bool inThree = n % 2 == 1;
            var entry = LedgerHashing.Chain(n - 1, inThree ? three : four, SampleRecords.Numbered(n, inThree ? InThree : InFour));
            if (inThree) three = entry.Hash; else four = entry.Hash;
            records.Add((inThree ? 3 : 4, entry));
        }
        return (records, [new PartitionHead(3, 3, three), new PartitionHead(4, 4, four)]);
    }

    private static (int, LedgerEntry) Anchor(string detail)
        => (PartitionAnchor.ChainPartition, LedgerHashing.Chain(4, LedgerHashing.GenesisPreviousHash(), PendingRecord.Of(5, PartitionAnchor.Kind, 0, detail)));
}
