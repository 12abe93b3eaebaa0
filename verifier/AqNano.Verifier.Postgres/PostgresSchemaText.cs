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

    /// <summary>Step 3, the partitioned ledger (README.md "Partitioned ledger"): one hash chain per device
    /// partition plus the anchor chain (<c>partition_no = -1</c>) in one table, ordered by one global
    /// <c>sequence</c> drawn from <c>partition_ledger_order</c>. The unique (partition_no, previous_hash)
    /// index is the database's own guard against a fork: two records can never succeed the same record
    /// in one chain, even if a writer skipped the partition lock. The layout row fixes the partition
    /// count on first write, so workers started with different counts cannot mix two mappings.
    /// Same append-only triggers as step 1 (its function is reused).</summary>
    public const string PartitionedLedger = """
        CREATE TABLE partitioned_ledger_layout (
            singleton       boolean PRIMARY KEY DEFAULT true CHECK (singleton),
            partition_count integer NOT NULL CHECK (partition_count >= 1)
        );
        CREATE SEQUENCE partition_ledger_order AS bigint;
        CREATE TABLE partition_ledger (
            sequence      bigint  PRIMARY KEY CHECK (sequence >= 1),
            partition_no  integer NOT NULL CHECK (partition_no >= -1),
            time_unix_ms  bigint  NOT NULL,
            kind          text    NOT NULL,
            device_id     bigint  NOT NULL,
            frame         bytea   NOT NULL,
            detail        text    NOT NULL,
            previous_hash bytea   NOT NULL,
            hash          bytea   NOT NULL
        );
        CREATE UNIQUE INDEX partition_ledger_one_successor ON partition_ledger (partition_no, previous_hash);
        CREATE INDEX partition_ledger_by_partition ON partition_ledger (partition_no, sequence);
        CREATE INDEX partition_ledger_by_device ON partition_ledger (device_id, sequence);
        CREATE TRIGGER partition_ledger_refuses_update_delete BEFORE UPDATE OR DELETE ON partition_ledger
            FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
        CREATE TRIGGER partition_ledger_refuses_truncate BEFORE TRUNCATE ON partition_ledger
            FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
        CREATE TRIGGER partitioned_ledger_layout_refuses_update_delete BEFORE UPDATE OR DELETE ON partitioned_ledger_layout
            FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
        """;

    /// <summary>Step 4, worker mode (docs/SCALING-WORKERS.md "Partitions and leases"): one row per partition, created by the first worker
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

    /// <summary>Step 5 (docs/SCALING-WORKERS.md): the admissions of new identities per zone, shared by every worker so
    /// that a zone's newIdentitiesPerHour holds for the fleet (<see cref="PostgresIdentityRate"/>); rows older than the
    /// hour are deleted as admissions are counted.</summary>
    public const string IdentityAdmissions = """
        CREATE TABLE identity_admission (
            zone        text   NOT NULL,
            admitted_ms bigint NOT NULL
        );
        CREATE INDEX identity_admission_zone_time ON identity_admission (zone, admitted_ms);
        """;

    public const string LedgerColumns = "sequence, time_unix_ms, kind, device_id, frame, detail, previous_hash, hash";
}
