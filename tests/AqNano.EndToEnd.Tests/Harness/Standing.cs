using AqNano.Protocol;
using AqNano.Verifier;

namespace AqNano.EndToEnd.Tests.Harness;

/// <summary>Assertions about a device's standing over a whole run, from the Decisions published to it.</summary>
public static class Standing
{
    /// <summary>DESIGN.md "What the chain proves": on an open path a conflict proves nothing about the device, so
    /// it is never quarantined or refused, and ends AdmitMonitored at worst.</summary>
    public static void AssertNoWorseThanMonitored(EndToEndRun run, ulong id)
    {
        PublishedDecision? refused = run.DecisionsFor(id).FirstOrDefault(d => d.Mode is DecisionMode.Refused);
        Assert.True(refused == null, $"{Hex.FromWire(id)} was refused on an open path: {refused}");
        DeviceView view = run.Verifier.Device(id)!;
        Assert.True(view.Mode is DecisionMode.AdmitFull or DecisionMode.AdmitRestricted or DecisionMode.AdmitMonitored,
            $"{Hex.FromWire(id)} ended {view.Mode}: {view.Explanation}");
    }
}
