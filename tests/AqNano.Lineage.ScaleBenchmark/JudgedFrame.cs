using AqNano.Verifier.Lineage;

namespace AqNano.Lineage.ScaleBenchmark;

/// <summary>The records of one judged honest frame, sized as measured in a replayed honest fleet
/// (docs/SCALING.md): a 166-byte Observation frame with a ~180-byte detail, and a decision with a ~590-byte detail.</summary>
public static class JudgedFrame
{
    private static readonly byte[] Frame = Enumerable.Range(0, 166).Select(i => (byte)(i * 37)).ToArray();
    private static readonly string FrameDetail = "{\"verdict\":\"next\",\"pad\":\"" + new string('f', 150) + "\"}";
    private static readonly string DecisionDetail = "{\"decision\":\"admitFull\",\"pad\":\"" + new string('d', 555) + "\"}";

    public static IReadOnlyList<PendingRecord> Records(ulong device, int n) =>
    [
        new PendingRecord(1_700_000_000_000 + n, "frame", device, Frame, FrameDetail),
        PendingRecord.Of(1_700_000_000_000 + n, "decision", device, DecisionDetail),
    ];
}
