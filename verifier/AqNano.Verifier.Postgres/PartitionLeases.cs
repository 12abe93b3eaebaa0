using Npgsql;
using NpgsqlTypes;

namespace AqNano.Verifier.Postgres;

/// <summary>Partition leases of one worker in PostgreSQL (issue 8 item 2, docs/SCALING-WORKERS.md "Partitions and leases"). Every
/// expiry is judged on the server's clock (<c>now()</c>), so workers on machines with different clocks agree
/// on who holds what. A worker renews its heartbeat and the leases it holds, gives back what it no longer
/// judges, and takes free or expired partitions; a takeover increments the partition's fencing token.
/// Taking uses <c>FOR UPDATE SKIP LOCKED</c>, so two workers taking at once never get the same partition
/// (postgresql.org/docs/15/sql-select.html#SQL-FOR-UPDATE-SHARE). Thread-safe (pooled connections).</summary>
public sealed class PartitionLeases : IDisposable
{
    private const string Heartbeat = """
        INSERT INTO worker_heartbeat (worker_id, expires_at) VALUES (@worker, now() + @ttl)
        ON CONFLICT (worker_id) DO UPDATE SET expires_at = excluded.expires_at
        """;
    private const string RenewHeld = """
        UPDATE partition_lease SET expires_at = now() + @ttl
        WHERE owner = @worker AND expires_at > now() AND partition = ANY(@held)
        RETURNING partition, token
        """;
    // Leases this worker holds on the server but not in memory (a restart under the same id, a release
    // that failed): given back, so that whoever takes them next loads fresh state under a new token.
    private const string ReleaseUnheld = "UPDATE partition_lease SET owner = NULL, expires_at = '-infinity' WHERE owner = @worker AND NOT (partition = ANY(@held))";
    private const string CountLive = "SELECT count(*) FROM worker_heartbeat WHERE expires_at > now()";
    private const string Take = """
        UPDATE partition_lease SET owner = @worker, expires_at = now() + @ttl, token = token + 1
        WHERE partition IN (SELECT partition FROM partition_lease WHERE owner IS NULL OR expires_at <= now()
                            ORDER BY partition LIMIT @max FOR UPDATE SKIP LOCKED)
          AND (owner IS NULL OR expires_at <= now())
        RETURNING partition, token
        """;
    private const string Release = "UPDATE partition_lease SET owner = NULL, expires_at = '-infinity' WHERE owner = @worker AND partition = ANY(@partitions)";

    private readonly NpgsqlDataSource dataSource;
    private readonly string workerId;
    private readonly TimeSpan ttl;

    /// <summary>Opens the schema (migrations run), creates the partition rows if this is the first worker,
    /// and refuses a partition count that differs from the one the database was set up with.</summary>
    public PartitionLeases(string connectionString, string workerId, int partitionCount, TimeSpan ttl)
    {
        if (string.IsNullOrWhiteSpace(workerId)) throw new ArgumentException("a worker id is required", nameof(workerId));
        if (partitionCount < 1) throw new ArgumentOutOfRangeException(nameof(partitionCount), partitionCount, "at least one partition");
        if (ttl <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(ttl), ttl, "a positive lease TTL");
        this.workerId = workerId;
        this.ttl = ttl;
        PartitionCount = partitionCount;
        dataSource = PostgresDataSources.OpenMigrated(connectionString, "partition leases open");
        try
        {
            CreatePartitions();
        }
        catch
        {
            dataSource.Dispose();
            throw;
        }
    }

    public int PartitionCount { get; }

    public string WorkerId => workerId;

    /// <summary>One transaction: heartbeat, renew <paramref name="held"/> where still this worker's and unexpired,
    /// give back any other lease under this worker's name, count live workers.</summary>
    public LeaseRenewal Renew(IReadOnlyCollection<int> held)
    {
        return Guarded("lease renewal", connection =>
        {
            using var transaction = connection.BeginTransaction();
            Execute(connection, transaction, Heartbeat, command => command.Parameters.AddWithValue("ttl", ttl));
            Execute(connection, transaction, ReleaseUnheld, command => command.Parameters.Add(Partitions("held", held)));
            List<PartitionLease> renewed = Leases(connection, transaction, RenewHeld, command =>
            {
                command.Parameters.AddWithValue("ttl", ttl);
                command.Parameters.Add(Partitions("held", held));
            });
            int live;
            using (var count = new NpgsqlCommand(CountLive, connection, transaction)) live = Convert.ToInt32(count.ExecuteScalar());
            transaction.Commit();
            return new LeaseRenewal(renewed, Math.Max(1, live));
        });
    }

    /// <summary>Takes up to <paramref name="max"/> free or expired partitions (lowest numbers first).</summary>
    public IReadOnlyList<PartitionLease> Acquire(int max)
    {
        if (max <= 0) return [];
        return Guarded("lease take", connection => Leases(connection, null, Take, command =>
        {
            command.Parameters.AddWithValue("ttl", ttl);
            command.Parameters.AddWithValue("max", max);
        }));
    }

    /// <summary>Gives partitions back at once (no wait for expiry). Call only after judging of them has stopped.</summary>
    public void ReleasePartitions(IReadOnlyCollection<int> partitions)
    {
        if (partitions.Count == 0) return;
        Guarded("lease release", connection =>
        {
            Execute(connection, null, Release, command => command.Parameters.Add(Partitions("partitions", partitions)));
            return 0;
        });
    }

    /// <summary>Every partition's owner (null when free or expired) and token, for tests, tools and logs.</summary>
    public IReadOnlyList<(int Partition, string? Owner, long Token)> Snapshot()
    {
        return Guarded("lease snapshot", connection =>
        {
            var rows = new List<(int, string?, long)>();
            using var command = new NpgsqlCommand(
                "SELECT partition, CASE WHEN expires_at > now() THEN owner END, token FROM partition_lease ORDER BY partition", connection);
            using var reader = command.ExecuteReader();
            while (reader.Read()) rows.Add((reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2)));
            return rows;
        });
    }

    /// <summary>Ends this worker's heartbeat, so that the others' fair share grows at once (a clean stop).</summary>
    public void Retire()
    {
        Guarded("heartbeat end", connection =>
        {
            Execute(connection, null, "DELETE FROM worker_heartbeat WHERE worker_id = @worker", _ => { });
            return 0;
        });
    }

    public void Dispose() => dataSource.Dispose();

    private void CreatePartitions()
    {
        Guarded("partition setup", connection =>
        {
            // Serialised (EXCLUSIVE conflicts with itself, not with readers): the first worker creates the rows,
            // every later one only compares its count with theirs.
            using var transaction = connection.BeginTransaction();
            Execute(connection, transaction, "LOCK TABLE partition_lease IN EXCLUSIVE MODE", _ => { });
            long rows, highest;
            using (var count = new NpgsqlCommand("SELECT count(*), coalesce(max(partition), -1) FROM partition_lease", connection, transaction))
            using (var reader = count.ExecuteReader())
            {
                reader.Read();
                (rows, highest) = (reader.GetInt64(0), reader.GetInt32(1));
            }
            if (rows == 0)
            {
                Execute(connection, transaction, "INSERT INTO partition_lease (partition) SELECT generate_series(0, @last)",
                    command => command.Parameters.AddWithValue("last", PartitionCount - 1));
                (rows, highest) = (PartitionCount, PartitionCount - 1);
            }
            transaction.Commit();
            if (rows != PartitionCount || highest != PartitionCount - 1)
            {
                // Workers must agree on the device-to-partition map (DevicePartitions), or two could judge one device.
                throw new InvalidOperationException(
                    $"this database is set up for {rows} partitions and this worker was started with {PartitionCount}: start every worker with --partitions {rows}");
            }
            return 0;
        });
    }

    private T Guarded<T>(string what, Func<NpgsqlConnection, T> work)
    {
        try
        {
            using var connection = dataSource.OpenConnection();
            return work(connection);
        }
        catch (NpgsqlException failure)
        {
            throw PostgresFailures.Translate(failure, what);
        }
    }

    private void Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, Action<NpgsqlCommand> bind)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("worker", workerId);
        bind(command);
        command.ExecuteNonQuery();
    }

    private List<PartitionLease> Leases(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, Action<NpgsqlCommand> bind)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("worker", workerId);
        bind(command);
        var leases = new List<PartitionLease>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) leases.Add(new PartitionLease(reader.GetInt32(0), reader.GetInt64(1)));
        leases.Sort((a, b) => a.Partition.CompareTo(b.Partition));
        return leases;
    }

    private static NpgsqlParameter Partitions(string name, IReadOnlyCollection<int> partitions) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = partitions.ToArray() };
}
