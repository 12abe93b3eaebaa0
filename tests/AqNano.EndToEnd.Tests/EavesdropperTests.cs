using System.Text.Json;
using AqNano.EndToEnd.Tests.Harness;
using AqNano.Protocol;
using AqNano.Simulator.Scenarios;
using AqNano.Verifier.Lineage;

namespace AqNano.EndToEnd.Tests;

/// <summary>Issue 5 acceptance, eavesdropper injection on an open path: every injected frame is recorded in the
/// ledger in full (a conflict is evidence), and the honest device ends no worse than AdmitMonitored.</summary>
public sealed class EavesdropperTests
{
    [Fact]
    public void InjectedFramesAreRecordedAndTheDeviceIsNoWorseThanMonitored()
    {
        var run = new EndToEndRun(ScenarioCatalogue.Find("eavesdropper"));
        run.Execute();

        ulong id = run.Run.Roles["target"].DeviceIds.Single();
        long injected = run.Run.Attacks.Single().ActionCount;
        Assert.Equal(run.Run.Definition.Attacks.Single().Count, injected);
        List<LedgerEntry> recorded = run.Ledger.ReadDevice(id)
            .Where(e => e.Kind == "frame" && Detail(e, "connection") == "attacker-eavesdropper").ToList();
        Assert.Equal(injected, recorded.Count);
        Assert.All(recorded, e => Assert.Equal("conflict", Detail(e, "verdict")));
        Assert.All(recorded, e => Assert.Equal(FrameLayout(e.Frame), e.Frame.Length));
        Standing.AssertNoWorseThanMonitored(run, id);
        Assert.True(LedgerVerifier.Verify(run.Ledger).Verified);
    }

    private static string? Detail(LedgerEntry entry, string field) =>
        JsonDocument.Parse(entry.Detail).RootElement.TryGetProperty(field, out JsonElement value) ? value.GetString() : null;

    /// <summary>An Observation with all eight features is 166 bytes (DESIGN.md "Genesis and Observation body").</summary>
    private static int FrameLayout(byte[] frame) => frame.Length >= 38 ? 134 + 4 * System.Numerics.BitOperations.PopCount(BitConverter.ToUInt16(frame, 36)) : -1;
}
