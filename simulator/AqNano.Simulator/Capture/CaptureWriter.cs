using System.Text.Json;

namespace AqNano.Simulator.Capture;

/// <summary>Writes one JSON object per line: {"t": unix ms, "topic", "frame": base64, "path":
/// "open"|"confidential", "conn": label}. Each line is flushed to the writer as it is made; the
/// writer's owner decides when it reaches the disk.</summary>
public sealed class CaptureWriter : IDisposable
{
    private readonly TextWriter _output;
    private readonly bool _ownsOutput;
    private readonly MemoryStream _line = new();

    public CaptureWriter(TextWriter output, bool ownsOutput = false)
    {
        _output = output;
        _ownsOutput = ownsOutput;
    }

    public static CaptureWriter ToFile(string path) => new(new StreamWriter(path, append: false), ownsOutput: true);

    public long LineCount { get; private set; }

    public void Write(CaptureLine line)
    {
        _line.SetLength(0);
        using (Utf8JsonWriter json = new(_line))
        {
            json.WriteStartObject();
            json.WriteNumber("t", line.UnixMs);
            json.WriteString("topic", line.Topic);
            json.WriteBase64String("frame", line.Frame);
            json.WriteString("path", line.Path);
            json.WriteString("conn", line.Connection);
            json.WriteEndObject();
        }
        _output.Write(System.Text.Encoding.UTF8.GetString(_line.GetBuffer(), 0, (int)_line.Length));
        _output.Write('\n');
        LineCount++;
    }

    public void Dispose()
    {
        _output.Flush();
        if (_ownsOutput) _output.Dispose();
    }
}
