using System.Reflection;
using AqNano.Protocol;

namespace AqNano.Verifier.App.Dashboard;

/// <summary>Reason bytes as their names in shared/ Reasons (one list, no copy here).</summary>
public static class ReasonNames
{
    private static readonly Dictionary<byte, string> Names = typeof(Reasons).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(byte) && f.Name != nameof(Reasons.Last))
        .ToDictionary(f => (byte)f.GetRawConstantValue()!, f => f.Name);

    public static string Of(byte reason) => Names.TryGetValue(reason, out var name) ? name : $"Reason{reason}";
}
