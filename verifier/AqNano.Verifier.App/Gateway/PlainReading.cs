using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AqNano.Verifier.App.Gateway;

/// <summary>A plain sensor's message as the gateway decodes it: a bare number ("21.5"), or a JSON object with the
/// reading in <c>valueField</c> and, optionally, the signal strength in <c>signalField</c>. Anything else is a
/// refusal with why, and observes nothing (bad input changes no state).</summary>
public static class PlainReading
{
    public const int MaxPayloadBytes = 4096;

    public static bool TryParse(ReadOnlySpan<byte> payload, string valueField, string signalField,
                                out int valueMilli, out bool hasSignal, out int signalDbm, out string error)
    {
        valueMilli = 0;
        hasSignal = false;
        signalDbm = 0;
        error = "";
        if (payload.Length == 0 || payload.Length > MaxPayloadBytes)
        {
            error = $"payload of {payload.Length} bytes (expected 1..{MaxPayloadBytes})";
            return false;
        }
        string text = Encoding.UTF8.GetString(payload).Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double bare))
            return TryScale(bare, out valueMilli, out error);
        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty(valueField, out JsonElement value) || value.ValueKind != JsonValueKind.Number)
            {
                error = $"neither a number nor a JSON object with a numeric \"{valueField}\"";
                return false;
            }
            if (!TryScale(value.GetDouble(), out valueMilli, out error)) return false;
            if (document.RootElement.TryGetProperty(signalField, out JsonElement signal) && signal.ValueKind == JsonValueKind.Number
                && signal.TryGetInt32(out int dbm) && dbm is >= -200 and <= 50)
            {
                hasSignal = true;
                signalDbm = dbm;
            }
            return true;
        }
        catch (JsonException)
        {
            error = $"neither a number nor JSON: '{(text.Length > 40 ? text[..40] + "..." : text)}'";
            return false;
        }
    }

    /// <summary>Readings travel as value x 1000 in an int32, as the v1 features do.</summary>
    private static bool TryScale(double value, out int valueMilli, out string error)
    {
        valueMilli = 0;
        error = "";
        if (double.IsNaN(value) || Math.Abs(value) > int.MaxValue / 1000.0)
        {
            error = $"reading {value} outside +-{int.MaxValue / 1000}";
            return false;
        }
        valueMilli = (int)Math.Round(value * 1000, MidpointRounding.AwayFromZero);
        return true;
    }
}
