using AqNano.Verifier.Lineage;
using AqNano.Verifier.Partitions;

namespace AqNano.Verifier.Postgres;

/// <summary>Verifies a partitioned ledger in one pass in global sequence order, holding only each
/// partition's head (README.md "Partitioned ledger"). Per record: its hash recomputes over its fields
/// (<see cref="LedgerHashing"/>, as for the single chain); a partition record sits in
/// <c>DevicePartitions.Of(device)</c> and its PreviousHash is the hash of the one before it in that
/// partition (32 zero bytes for the first); an anchor's PreviousHash is the previous anchor's hash and its
/// list of heads equals, partition by partition, the heads this pass has reached, and names every non-empty
/// partition. That last check is exact because an anchor is taken holding every partition's lock, so the
/// records before it in sequence order are exactly those it saw (PostgresPartitionedLedger.AnchorNow).</summary>
public static class PartitionedChainVerifier
{
    public static PartitionedLedgerVerification Verify(IEnumerable<(int Partition, LedgerEntry Entry)> records, int partitionCount)
    {
        var heads = new PartitionHead?[partitionCount];
        byte[] anchorHead = LedgerHashing.GenesisPreviousHash();
        long checkedRecords = 0, anchors = 0, lastAnchor = 0, afterAnchor = 0;
        foreach (var (partition, entry) in records)
        {
            string problem = partition == PartitionAnchor.ChainPartition
                ? CheckAnchor(entry, anchorHead, heads, partitionCount)
                : CheckPartitionRecord(partition, entry, heads, partitionCount);
            if (problem.Length > 0)
            {
                return new PartitionedLedgerVerification(checkedRecords, entry.Sequence, $"record #{entry.Sequence}: {problem}",
                    Used(heads), anchors, lastAnchor, Convert.ToHexStringLower(anchorHead), afterAnchor);
            }
            checkedRecords++;
            if (partition == PartitionAnchor.ChainPartition)
            {
                anchorHead = entry.Hash;
                anchors++;
                lastAnchor = entry.Sequence;
                afterAnchor = 0;
            }
            else
            {
                heads[partition] = new PartitionHead(partition, entry.Sequence, entry.Hash);
                afterAnchor++;
            }
        }
        return new PartitionedLedgerVerification(checkedRecords, null, "", Used(heads), anchors, lastAnchor,
            Convert.ToHexStringLower(anchorHead), afterAnchor);
    }

    private static string CheckPartitionRecord(int partition, LedgerEntry entry, PartitionHead?[] heads, int partitionCount)
    {
        int expected = DevicePartitions.Of(entry.DeviceId, partitionCount);
        if (partition != expected) return $"stored in partition {partition}, but its device belongs to partition {expected}";
        byte[] previous = heads[partition]?.Hash ?? LedgerHashing.GenesisPreviousHash();
        if (!entry.PreviousHash.AsSpan().SequenceEqual(previous))
        {
            string before = heads[partition] is { } head ? $"record #{head.Sequence}" : "the partition's genesis (32 zero bytes)";
            return $"previous hash does not equal the hash of {before}, the one before it in partition {partition} (a record removed, inserted or altered)";
        }
        return CheckOwnHash(entry);
    }

    private static string CheckAnchor(LedgerEntry entry, byte[] anchorHead, PartitionHead?[] heads, int partitionCount)
    {
        if (entry.Kind != PartitionAnchor.Kind || entry.DeviceId != 0) return $"in the anchor chain but of kind '{entry.Kind}' for device {entry.DeviceId:x16}";
        if (!entry.PreviousHash.AsSpan().SequenceEqual(anchorHead)) return "previous hash does not equal the previous anchor's hash (an anchor removed, inserted or altered)";
        string own = CheckOwnHash(entry);
        if (own.Length > 0) return own;
        if (!PartitionAnchor.TryParse(entry.Detail, out int count, out var listed, out string problem)) return problem;
        if (count != partitionCount) return $"anchor made with {count} partitions, verifying with {partitionCount}";
        int next = 0;
        foreach (var claim in listed)
        {
            if (claim.Partition < next || claim.Partition >= partitionCount) return $"anchor lists partition {claim.Partition} out of order or range";
            for (; next < claim.Partition; next++)
            {
                if (heads[next] is { } skipped) return $"anchor says partition {next} was empty, but it holds record #{skipped.Sequence} (records inserted before the anchor)";
            }
            next = claim.Partition + 1;
            if (heads[claim.Partition] is not { } reached)
            {
                return $"anchor holds partition {claim.Partition} at record #{claim.Sequence}, which is missing (records removed before the anchor)";
            }
            if (reached.Sequence != claim.Sequence || !reached.Hash.AsSpan().SequenceEqual(claim.Hash))
            {
                return $"anchor holds partition {claim.Partition} at record #{claim.Sequence}, but its head before the anchor is record #{reached.Sequence} (records removed or altered before the anchor)";
            }
        }
        for (; next < partitionCount; next++)
        {
            if (heads[next] is { } unlisted) return $"anchor says partition {next} was empty, but it holds record #{unlisted.Sequence} (records inserted before the anchor)";
        }
        return "";
    }

    private static string CheckOwnHash(LedgerEntry entry)
        => LedgerHashing.ComputeHash(entry).AsSpan().SequenceEqual(entry.Hash) ? "" : "stored hash does not match its fields (a field or the hash was altered)";

    private static int Used(PartitionHead?[] heads)
    {
        int used = 0;
        foreach (var head in heads) if (head is not null) used++;
        return used;
    }
}
