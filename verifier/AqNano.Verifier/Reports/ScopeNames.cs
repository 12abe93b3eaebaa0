using AqNano.Protocol;

namespace AqNano.Verifier.Reports;

/// <summary>Scope bitmasks in words (DESIGN.md "Wire format v1": Scopes).</summary>
public static class ScopeNames
{
    private static readonly (ushort Bit, string Name)[] Names =
    [
        (Scopes.Observe, "Observe"), (Scopes.Telemetry, "Telemetry"), (Scopes.Config, "Config"),
        (Scopes.Actuate, "Actuate"), (Scopes.Update, "Update"),
    ];

    public static string Format(ushort? scope)
    {
        if (scope is not ushort bits) return "-";
        var names = Names.Where(n => (bits & n.Bit) != 0).Select(n => n.Name).ToList();
        if ((bits & Scopes.ReservedMask) != 0) names.Add($"0x{bits & Scopes.ReservedMask:x4}");
        return names.Count == 0 ? "none" : string.Join("+", names);
    }
}
