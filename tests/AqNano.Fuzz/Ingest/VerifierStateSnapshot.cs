using System.Text.Json;
using AqNano.Verifier;
using AqNano.Verifier.Stores;

namespace AqNano.Fuzz.Ingest;

/// <summary>What "changes no device state" is compared on (DESIGN.md "A frame parses only if it is
/// exact ... changes no device state"; issue 7 acceptance): the set of known devices, each device's
/// persisted blob and version, and, for the devices the input names, what the fleet view shows and
/// the verifier's in-memory state.</summary>
public static class VerifierStateSnapshot
{
    public static string Of(IngestRig rig, IEnumerable<ulong> devicesNamed)
    {
        var text = new System.Text.StringBuilder();
        foreach (ulong id in rig.Store.DeviceIds().Order())
        {
            text.Append(id.ToString("x16")).Append(':');
            if (rig.Store.TryLoad(id, out byte[] state, out long version)) text.Append(version).Append(':').Append(Convert.ToHexString(state));
            text.Append('\n');
        }
        foreach (ulong id in devicesNamed.Distinct().Order())
        {
            DeviceView? view = rig.View.Device(id);
            text.Append("view ").Append(id.ToString("x16")).Append(' ').Append(view is null ? "none" : JsonSerializer.Serialize(view)).Append('\n');
            byte[]? memory = rig.InMemoryState?.Invoke(id);
            if (memory is not null) text.Append("memory ").Append(id.ToString("x16")).Append(' ').Append(Convert.ToHexString(memory)).Append('\n');
        }
        return text.ToString();
    }
}
