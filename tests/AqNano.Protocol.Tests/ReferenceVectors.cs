using System.Text.Json;

namespace AqNano.Protocol.Tests;

/// <summary>The independent reference vectors (../shared/vectors, copied to tests/vectors).</summary>
internal static class ReferenceVectors
{
    public static JsonElement Load(string name = "aqnano-v1-reference.json")
    {
        string path = Path.Combine(AppContext.BaseDirectory, "vectors", name);
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement;
    }

    public static byte[] Bytes(this JsonElement element, string property) =>
        Convert.FromHexString(element.GetProperty(property).GetString()!);

    public static ulong Wire(this JsonElement element, string property) =>
        BitConverter.ToUInt64(element.Bytes(property));
}
