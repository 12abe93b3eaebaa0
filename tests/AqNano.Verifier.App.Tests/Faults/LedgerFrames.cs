using System.Text.Json;
using AqNano.Verifier.Lineage;

namespace AqNano.Verifier.App.Tests.Faults;

/// <summary>What a SQLite ledger file holds for one device, read after its writer has gone.</summary>
public static class LedgerFrames
{
    /// <summary>The device's "frame" records as (seq, verdict, raw bytes), in ledger order.</summary>
    public static List<(uint Seq, string Verdict, byte[] Frame)> Of(ILedger ledger, ulong deviceId) =>
        ledger.ReadDevice(deviceId).Where(e => e.Kind == "frame").Select(e =>
        {
            using var detail = JsonDocument.Parse(e.Detail);
            return (detail.RootElement.GetProperty("seq").GetUInt32(), detail.RootElement.GetProperty("verdict").GetString()!, e.Frame);
        }).ToList();

    /// <summary>The seqs that have a "decision" record.</summary>
    public static HashSet<uint> DecidedSeqs(ILedger ledger, ulong deviceId) =>
        ledger.ReadDevice(deviceId).Where(e => e.Kind == "decision").Select(e =>
        {
            using var detail = JsonDocument.Parse(e.Detail);
            return detail.RootElement.GetProperty("seq").GetUInt32();
        }).ToHashSet();
}
