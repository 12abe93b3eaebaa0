namespace AqNano.Verifier.Lineage;

/// <summary>The ledger's table (Lineage/README.md). STRICT keeps every column its declared type;
/// the triggers make the table append-only for every client of the file, not only for ours.</summary>
internal static class LedgerSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS ledger (
            sequence      INTEGER PRIMARY KEY,
            time_unix_ms  INTEGER NOT NULL,
            kind          TEXT    NOT NULL,
            device_id     INTEGER NOT NULL,
            frame         BLOB    NOT NULL,
            detail        TEXT    NOT NULL,
            previous_hash BLOB    NOT NULL,
            hash          BLOB    NOT NULL
        ) STRICT;
        CREATE INDEX IF NOT EXISTS ledger_by_device ON ledger (device_id, sequence);
        CREATE TRIGGER IF NOT EXISTS ledger_refuses_update BEFORE UPDATE ON ledger
        BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: UPDATE refused'); END;
        CREATE TRIGGER IF NOT EXISTS ledger_refuses_delete BEFORE DELETE ON ledger
        BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: DELETE refused'); END;
        """;

    public const string Columns = "sequence, time_unix_ms, kind, device_id, frame, detail, previous_hash, hash";

    public const string Insert = """
        INSERT INTO ledger (sequence, time_unix_ms, kind, device_id, frame, detail, previous_hash, hash)
        VALUES ($sequence, $time, $kind, $device, $frame, $detail, $previous, $hash)
        """;

    public const string Exists = "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'ledger'";

    public const string Head = "SELECT sequence, hash FROM ledger ORDER BY sequence DESC LIMIT 1";
}
