using AqNano.Verifier.Lineage;

namespace AqNano.Lineage.Tests;

public sealed class GroupCommitLedgerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static Task<LedgerEntry> AppendOnAThread(ILedger ledger, int n)
        => Task.Factory.StartNew(() => ledger.Append(n, "frame", (ulong)n, new byte[] { (byte)n }, "{}"), TaskCreationOptions.LongRunning);

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
            await Task.Delay(1);
        }
    }

    /// <summary>Holds the first commit in flight until <paramref name="followers"/> appends queue behind it.</summary>
    private static async Task<(Task<LedgerEntry> Leader, List<Task<LedgerEntry>> Followers)> QueueBehindALeader(
        GatedLedger inner, GroupCommitLedger ledger, int followers)
    {
        var leader = AppendOnAThread(ledger, 1);
        await WaitUntil(() => inner.Entered.IsSet);
        var queued = Enumerable.Range(2, followers).Select(n => AppendOnAThread(ledger, n)).ToList();
        await WaitUntil(() => ledger.Waiting == followers);
        inner.Gate.Set();
        return (leader, queued);
    }

    [Fact]
    public async Task Appends_arriving_during_a_commit_go_out_together_in_the_next_one()
    {
        var inner = new GatedLedger();
        using var ledger = new GroupCommitLedger(inner);

        var (leader, followers) = await QueueBehindALeader(inner, ledger, 3);
        var entries = await Task.WhenAll(followers.Prepend(leader)).WaitAsync(Bound);

        Assert.Equal(new[] { 1, 3 }, inner.BatchSizes);
        Assert.Equal(2, ledger.Commits);
        Assert.Equal(4, ledger.Records);
        Assert.Equal(new long[] { 1, 2, 3, 4 }, entries.Select(e => e.Sequence).Order());
        Assert.Null(ledger.Verify());
    }

    [Fact]
    public async Task A_failed_group_fails_every_caller_in_it_with_the_typed_error_and_the_next_append_works()
    {
        var inner = new GatedLedger { FailBatchesFrom = 2 };
        using var ledger = new GroupCommitLedger(inner);

        var (leader, followers) = await QueueBehindALeader(inner, ledger, 2);

        Assert.Equal(1, (await leader.WaitAsync(Bound)).Sequence);
        foreach (var follower in followers)
        {
            await Assert.ThrowsAsync<LedgerFullException>(() => follower.WaitAsync(Bound));
        }
        Assert.Equal(new[] { 1, 2 }, inner.BatchSizes);
        Assert.Equal(2, ledger.Append(9, "frame", 9, [], "{}").Sequence);
        Assert.Null(ledger.Verify());
    }
}
