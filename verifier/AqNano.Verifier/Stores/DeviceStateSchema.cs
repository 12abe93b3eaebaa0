namespace AqNano.Verifier.Stores;

/// <summary>The device state table, one definition for the store's own connection and for the ledger's
/// joint commits (<see cref="Lineage.SqliteLedger.KeepDeviceState"/>): both must write the same rows the same way.</summary>
internal static class DeviceStateSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS device_state (
            device_id INTEGER PRIMARY KEY,
            state     BLOB    NOT NULL,
            version   INTEGER NOT NULL
        ) STRICT
        """;

    // [sqlite.org/lang_upsert.html] for a new device; for a known one the WHERE on version is the CAS.
    public const string InsertNew = "INSERT INTO device_state (device_id, state, version) VALUES ($id, $state, 1) ON CONFLICT DO NOTHING";
    public const string UpdateIfCurrent = "UPDATE device_state SET state = $state, version = version + 1 WHERE device_id = $id AND version = $expected";
}
