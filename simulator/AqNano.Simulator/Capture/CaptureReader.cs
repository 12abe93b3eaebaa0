using System.Text.Json;

namespace AqNano.Simulator.Capture;

/// <summary>Reads capture lines back. A line that is not a capture object is refused with its line
/// number, never skipped silently.</summary>
public static class CaptureReader
{
    public static IEnumerable<CaptureLine> Read(TextReader input)
    {
        int number = 0;
        string? text;
        while ((text = input.ReadLine()) != null)
        {
            number++;
            if (text.Length == 0) continue;
            if (!TryParse(text, out CaptureLine? line, out string error))
            {
                throw new FormatException($"capture line {number}: {error}");
            }
            yield return line!;
        }
    }

    public static bool TryParse(string text, out CaptureLine? line, out string error)
    {
        line = null;
        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            JsonElement root = document.RootElement;
            string path = root.GetProperty("path").GetString() ?? "";
            if (path != "open" && path != "confidential")
            {
                error = $"path must be open or confidential, not '{path}'";
                return false;
            }
            line = new CaptureLine(
                root.GetProperty("t").GetInt64(),
                root.GetProperty("topic").GetString() ?? "",
                root.GetProperty("frame").GetBytesFromBase64(),
                path,
                root.GetProperty("conn").GetString() ?? "");
            error = "";
            return true;
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            error = exception.Message;
            return false;
        }
    }
}
