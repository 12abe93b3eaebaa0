using AqNano.Verifier;
using AqNano.Verifier.Postgres;

namespace AqNano.Lineage.Tests;

/// <summary>New identities counted in PostgreSQL (docs/SCALING-WORKERS.md): several workers share one zone's sliding
/// hour, so the zone's limit is the fleet's; a restart keeps the count; the hour slides.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresIdentityRateTests(PostgresServer server)
{
    private readonly string connectionString = server.SkipReason is null ? server.NewSchema() : "";

    [SkippableFact]
    public void Workers_share_one_zone_limit_and_a_restart_keeps_the_count()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        const long now = 1_790_000_000_000;
        using var first = new PostgresIdentityRate(connectionString);
        using var second = new PostgresIdentityRate(connectionString);

        // Ten Genesis frames of new ids a second apart, alternating between two workers, in a zone allowing five an hour.
        var admitted = Enumerable.Range(0, 10).Count(i => (i % 2 == 0 ? first : second).TryAdmit("plant", 5, now + i * 1000));
        using var restarted = new PostgresIdentityRate(connectionString);

        Assert.Equal(5, admitted);
        Assert.False(restarted.TryAdmit("plant", 5, now + 10_000));
        Assert.True(restarted.TryAdmit("lab", 5, now + 10_000)); // another zone counts apart
        // The hour slides: the first admission (at now) leaves the window an hour later; the second (now + 1 s) not yet.
        Assert.True(first.TryAdmit("plant", 5, now + IdentityRate.WindowMs + 1));
        Assert.False(second.TryAdmit("plant", 5, now + IdentityRate.WindowMs + 2));
    }

    [SkippableFact]
    public void Concurrent_workers_never_admit_more_than_the_limit()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        const long now = 1_790_000_000_000;
        var workers = Enumerable.Range(0, 4).Select(_ => new PostgresIdentityRate(connectionString)).ToList();
        try
        {
            int admitted = 0;
            Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            {
                if (workers[i % 4].TryAdmit("plant", 37, now + i)) Interlocked.Increment(ref admitted);
            });
            Assert.Equal(37, admitted);
        }
        finally
        {
            foreach (var worker in workers) worker.Dispose();
        }
    }
}
