namespace AqNano.Verifier.Postgres;

/// <summary>The SQL of each migration step. Same columns as the SQLite ledger (Lineage/README.md):
/// device ids are stored as bigint with the uint64's bits, so ids above long.MaxValue round-trip.</summary>
internal static class PostgresSchemaText
{
    /// <summary>Append-only for every client, not only ours: a row trigger refuses UPDATE and DELETE and
    /// a statement trigger refuses TRUNCATE (postgresql.org/docs/15/sql-createtrigger.html). An owner can
    /// still disable them; LedgerVerifier is what catches an edit made that way.</summary>
    public const string Ledger = """
        CREATE TABLE ledger (
            sequence      bigint PRIMARY KEY CHECK (sequence >= 1),
            time_unix_ms  bigint NOT NULL,
            kind          text   NOT NULL,
            device_id     bigint NOT NULL,
            frame         bytea  NOT NULL,
            detail        text   NOT NULL,
            previous_hash bytea  NOT NULL,
            hash          bytea  NOT NULL
        );
        CREATE INDEX ledger_by_device ON ledger (device_id, sequence);
        CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the ledger is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END
        $$;
        CREATE TRIGGER ledger_refuses_update_delete BEFORE UPDATE OR DELETE ON ledger
            FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
        CREATE TRIGGER ledger_refuses_truncate BEFORE TRUNCATE ON ledger
            FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
        """;

    public const string DeviceState = """
        CREATE TABLE device_state (
            device_id bigint PRIMARY KEY,
            state     bytea  NOT NULL,
            version   bigint NOT NULL CHECK (version >= 1)
        );
        """;

    /// <summary>Worker mode (docs/SCALING-WORKERS.md "Partitions and leases"): one row per partition, created by the first worker
    /// (<see cref="PartitionLeases"/>); <c>token</c> grows by one at each takeover, so an owner's token orders it
    /// after every earlier owner. Heartbeats say which workers are alive, for the fair share.</summary>
    public const string PartitionLeases = """
        CREATE TABLE partition_lease (
            partition  integer     PRIMARY KEY CHECK (partition >= 0),
            owner      text,
            expires_at timestamptz NOT NULL DEFAULT '-infinity',
            token      bigint      NOT NULL DEFAULT 0 CHECK (token >= 0)
        );
        CREATE TABLE worker_heartbeat (
            worker_id  text        PRIMARY KEY,
            expires_at timestamptz NOT NULL
        );
        """;

    public const string LedgerColumns = "sequence, time_unix_ms, kind, device_id, frame, detail, previous_hash, hash";
}
