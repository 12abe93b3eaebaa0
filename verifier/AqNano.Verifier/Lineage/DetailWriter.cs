using System.Buffers;
using System.Text;
using System.Text.Json;

namespace AqNano.Verifier.Lineage;

/// <summary>Writes one record's Detail JSON object with a reused Utf8JsonWriter: the judging path writes two
/// or three records per frame, and reflection-based serialisation of anonymous objects was most of its cost.
/// One per thread (see <see cref="ForThread"/>).</summary>
internal sealed class DetailWriter
{
    [ThreadStatic] private static DetailWriter? _current;
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _json;

    private DetailWriter()
    {
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default });
    }

    public static DetailWriter ForThread() => _current ??= new DetailWriter();

    public Utf8JsonWriter Begin()
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _json.WriteStartObject();
        return _json;
    }

    public string End()
    {
        _json.WriteEndObject();
        _json.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }
}
