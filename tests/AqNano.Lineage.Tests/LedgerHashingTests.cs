using System.Text;
using AqNano.Verifier.Lineage;

namespace AqNano.Lineage.Tests;

public sealed class LedgerHashingTests
{
    /// <summary>The worked example of Lineage/README.md, hashed independently (Python hashlib over
    /// the hand-written encoding): the documented encoding is the one the code uses.</summary>
    [Fact]
    public void The_documented_worked_example_hashes_as_documented()
    {
        byte[] hash = LedgerHashing.ComputeHash(new byte[32], 1, 1_700_000_000_000, "policy", 0, [], "{}");

        Assert.Equal("2ec8ee2c9faff708fcf9ea97e2f900c3b7464cd5772d2b467621edf3a23888ac", Convert.ToHexStringLower(hash));
    }

    [Fact]
    public void Moving_bytes_between_adjacent_fields_changes_the_hash()
    {
        // Without length prefixes, kind "ab" + detail "c" and kind "a" + detail "bc" would collide.
        byte[] first = LedgerHashing.ComputeHash(new byte[32], 1, 0, "frame", 0, Encoding.UTF8.GetBytes("ab"), "c");
        byte[] second = LedgerHashing.ComputeHash(new byte[32], 1, 0, "frame", 0, Encoding.UTF8.GetBytes("a"), "bc");

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Every_field_is_covered()
    {
        byte[] baseline = LedgerHashing.ComputeHash(new byte[32], 1, 2, "k", 3, new byte[] { 4 }, "d");
        byte[] otherPrevious = new byte[32];
        otherPrevious[31] = 1;

        Assert.NotEqual(baseline, LedgerHashing.ComputeHash(otherPrevious, 1, 2, "k", 3, new byte[] { 4 }, "d"));
        Assert.NotEqual(baseline, LedgerHashing.ComputeHash(new byte[32], 9, 2, "k", 3, new byte[] { 4 }, "d"));
        Assert.NotEqual(baseline, LedgerHashing.ComputeHash(new byte[32], 1, 9, "k", 3, new byte[] { 4 }, "d"));
        Assert.NotEqual(baseline, LedgerHashing.ComputeHash(new byte[32], 1, 2, "K", 3, new byte[] { 4 }, "d"));
        Assert.NotEqual(baseline, LedgerHashing.ComputeHash(new byte[32], 1, 2, "k", 9, new byte[] { 4 }, "d"));
        Assert.NotEqual(baseline, LedgerHashing.ComputeHash(new byte[32], 1, 2, "k", 3, new byte[] { 5 }, "d"));
        Assert.NotEqual(baseline, LedgerHashing.ComputeHash(new byte[32], 1, 2, "k", 3, new byte[] { 4 }, "D"));
    }
}
