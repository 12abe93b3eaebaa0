using AqNano.Verifier.Lineage;

namespace AqNano.Verifier.Reports;

/// <summary>The whole ledger gathered per device, plus the fleet-wide records (device id 0): policy
/// changes, fleet incidents and refusal counts of sources no device owns.</summary>
public sealed class FleetHistory
{
    public SortedDictionary<ulong, DeviceHistory> Devices { get; } = new();
    public DeviceHistory Fleet { get; } = new(0);
    public List<(long Sequence, long TimeUnixMs, string Sha256, string Source)> Policies { get; } = new();
    public long Records { get; private set; }
    public long LastTimeUnixMs { get; private set; }

    /// <summary>Reads every record, or only <paramref name="deviceId"/>'s (and the fleet-wide ones).</summary>
    public static FleetHistory Read(ILedger ledger, ulong? deviceId = null)
    {
        var history = new FleetHistory();
        IEnumerable<LedgerEntry> records = deviceId is ulong only
            ? ledger.ReadDevice(only).Concat(ledger.ReadDevice(0)).OrderBy(e => e.Sequence)
            : ledger.Read();
        foreach (var entry in records) history.Add(entry);
        return history;
    }

    private void Add(LedgerEntry entry)
    {
        Records++;
        LastTimeUnixMs = Math.Max(LastTimeUnixMs, entry.TimeUnixMs);
        if (entry.Kind == "policy")
        {
            var detail = new DetailFields(entry.Detail);
            Policies.Add((entry.Sequence, entry.TimeUnixMs, detail.Text("sha256"), detail.Text("source")));
        }
        if (entry.DeviceId == 0)
        {
            Fleet.Add(entry);
            return;
        }
        if (!Devices.TryGetValue(entry.DeviceId, out var device))
        {
            Devices[entry.DeviceId] = device = new DeviceHistory(entry.DeviceId);
        }
        device.Add(entry);
    }
}
