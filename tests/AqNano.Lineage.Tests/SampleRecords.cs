using AqNano.Verifier.Lineage;

namespace AqNano.Lineage.Tests;

/// <summary>Records shaped like the verifier's (kinds and Detail as its engineer writes them).</summary>
public static class SampleRecords
{
    public static PendingRecord Numbered(int n, ulong deviceId = 0x1122334455667788)
        => new(1_700_000_000_000 + n, n % 3 == 0 ? "decision" : "frame", deviceId,
            new byte[] { (byte)n, (byte)(n >> 8), 0xAA, 0x55 }, $"{{\"n\":{n}}}");

    public static void AppendNumbered(ILedger ledger, int count, ulong deviceId = 0x1122334455667788)
    {
        for (int n = 1; n <= count; n++)
        {
            var record = Numbered(n, deviceId);
            ledger.Append(record.TimeUnixMs, record.Kind, record.DeviceId, record.Frame.Span, record.Detail);
        }
    }
}
