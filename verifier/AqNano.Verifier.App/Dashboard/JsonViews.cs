using System.Text.Json;
using System.Text.Json.Nodes;
using AqNano.Protocol;
using AqNano.Protocol.Chain;
using AqNano.Protocol.Host;
using AqNano.Verifier.Evidence;
using AqNano.Verifier.Lineage;

namespace AqNano.Verifier.App.Dashboard;

/// <summary>What the dashboard sends: ids and epochs as wire hex, digests, never a reveal
/// (DESIGN.md "Disclosure"). Ledger frames are shown by their digest only, and any "reveal"
/// field in a record's detail is withheld, so no response can carry a reveal still in the ring.</summary>
public static class JsonViews
{
    public static object Device(DeviceView d) => new
    {
        deviceId = Hex.FromWire(d.DeviceId), zone = d.Zone, mode = d.Mode.ToString(), reason = ReasonNames.Of(d.Reason),
        grantedScope = d.GrantedScope, requestedScope = d.RequestedScope, epoch = Hex.FromWire(d.Epoch), lastSeq = d.LastSeq,
        continuityDepth = d.ContinuityDepth, trustSlope = d.TrustSlope, skewPpm = d.SkewPpm, lastSeenUnixMs = d.LastSeenUnixMs,
        witnesses = d.AgreeingWitnesses, lastFrameDigest = d.LastFrameDigestHex, path = d.Path.ToString(),
        explanation = d.Explanation, incidents = d.Incidents, certificate = Certificate(d),
        // A proxied device's registered gateway (docs/ADOPTION.md "Gateway-mediated retrofit"); null for a board that runs its own chain.
        gateway = d.Gateway,
    };

    /// <summary>The certificate that speaks for the device (issue 9 item 3): public facts only.</summary>
    private static object Certificate(DeviceView d) => new
    {
        status = CertificateStatusNames.Of(d.CertificateStatus), subject = d.Certificate?.Subject, issuer = d.Certificate?.Issuer,
        serial = d.Certificate?.SerialNumberHex, notAfterUnixMs = d.Certificate?.NotAfterUnixMs,
    };

    public static object Judgement(Judgement j, long timeUnixMs) => new
    {
        time = timeUnixMs, deviceId = Hex.FromWire(j.DeviceId), epoch = Hex.FromWire(j.Epoch), seq = j.Seq,
        verdict = j.Verdict.ToString(), mode = j.Mode.ToString(), reason = ReasonNames.Of(j.Reason), grantedScope = j.GrantedScope,
        explanation = j.Explanation, alert = IsAlert(j),
    };

    /// <summary>Forks, clones and contended identities raise the banner (issue 6 item 4).</summary>
    public static bool IsAlert(Judgement j) =>
        j.Verdict is Verdict.Conflict or Verdict.Fork or Verdict.Contended || j.Reason == Reasons.CloneEvidence;

    public static object LedgerRecord(LedgerEntry e) => new
    {
        sequence = e.Sequence, time = e.TimeUnixMs, kind = e.Kind,
        frameDigest = e.Frame.Length > 32 ? FrameDigestHex(e.Frame) : null,
        detail = WithoutReveals(e.Detail), hash = Convert.ToHexStringLower(e.Hash),
    };

    private static string FrameDigestHex(byte[] frame)
    {
        var digest = new byte[32];
        new ChainMath(new HostHmacSha256()).FrameDigest(frame, 0, frame.Length - 32, digest, 0);
        return Hex.FromBytes(digest, 0, 32);
    }

    private static JsonNode? WithoutReveals(string detail)
    {
        JsonNode? node;
        try { node = JsonNode.Parse(detail); }
        catch (JsonException) { return JsonValue.Create("(detail is not JSON; withheld)"); }
        Scrub(node);
        return node;
    }

    private static void Scrub(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            foreach (var key in obj.Select(p => p.Key).Where(k => k.Contains("reveal", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                obj[key] = "(withheld)";
            }
            foreach (var pair in obj.ToList()) Scrub(pair.Value);
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array) Scrub(item);
        }
    }
}
