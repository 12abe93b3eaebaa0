using System.Reflection;
using AqNano.Protocol;

namespace AqNano.Verifier;

/// <summary>The names of the stable reason codes in shared Reasons.cs, for explanations and the ledger.</summary>
public static class ReasonNames
{
    private static readonly Dictionary<byte, string> Names = typeof(Reasons)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral && field.FieldType == typeof(byte) && field.Name != nameof(Reasons.Last))
        .ToDictionary(field => (byte)field.GetRawConstantValue()!, field => field.Name);

    public static string Of(byte reason) => Names.TryGetValue(reason, out string? name) ? name : "Reason" + reason;

    public static IReadOnlyCollection<byte> All => Names.Keys;
}
