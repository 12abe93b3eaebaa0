using System.Text.Json;

namespace AqNano.Verifier.Replay;

/// <summary>One line of a capture: {"t": unix ms, "topic", "frame": base64, "path": "open"|"confidential"
/// (default open), "conn": connection label (default "capture")}.</summary>
public sealed record CaptureLine(long UnixMs, string Topic, byte[] Frame, PathMode Path, string Connection)
{
    /// <summary>Parses one line; false with a one-line error for anything else (never throws).</summary>
    public static bool TryParse(string text, out CaptureLine? line, out string error)
    {
        line = null;
        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) { error = "not a JSON object"; return false; }
            if (!root.TryGetProperty("t", out JsonElement t) || !t.TryGetInt64(out long unixMs)) { error = "missing or non-integer \"t\""; return false; }
            if (!root.TryGetProperty("topic", out JsonElement topic) || topic.ValueKind != JsonValueKind.String) { error = "missing \"topic\""; return false; }
            if (!root.TryGetProperty("frame", out JsonElement frame) || frame.ValueKind != JsonValueKind.String) { error = "missing \"frame\""; return false; }
            byte[] bytes;
            try { bytes = Convert.FromBase64String(frame.GetString()!); }
            catch (FormatException) { error = "\"frame\" is not base64"; return false; }
            PathMode path = PathMode.Open;
            if (root.TryGetProperty("path", out JsonElement pathElement))
            {
                string? name = pathElement.ValueKind == JsonValueKind.String ? pathElement.GetString() : null;
                if (name == "confidential") path = PathMode.Confidential;
                else if (name != "open") { error = "\"path\" must be \"open\" or \"confidential\""; return false; }
            }
            string connection = root.TryGetProperty("conn", out JsonElement conn) && conn.ValueKind == JsonValueKind.String ? conn.GetString()! : "capture";
            line = new CaptureLine(unixMs, topic.GetString()!, bytes, path, connection);
            error = "";
            return true;
        }
        catch (JsonException exception)
        {
            error = "not JSON: " + exception.Message;
            return false;
        }
    }
}
