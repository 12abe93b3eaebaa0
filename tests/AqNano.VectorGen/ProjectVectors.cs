using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AqNano.Protocol;
using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;

namespace AqNano.VectorGen;

/// <summary>Builds the project's vector file from fixed inputs: a device's honest chain (Genesis
/// + 5 Observations, all eight features) with every intermediate value; one vector per kind
/// (the chain's Genesis; its 6th link, an Observation with a partial featureMask and both
/// flags; a gateway's Witness of chain seq 3 on the gateway's own chain; the verifier's
/// Decision for seq 6); and refused frames with their FrameRejection name and number.</summary>
public static class ProjectVectors
{
    public const string FileName = "aqnano-v1-project.json";

    private static readonly byte[] DeviceMac = [0x24, 0x6f, 0x28, 0x10, 0x20, 0x30];
    private static readonly byte[] GatewayMac = [0x24, 0x6f, 0x28, 0xaa, 0xbb, 0xcc];
    private const ulong Epoch = 0x0123456789abcdef;
    private const ulong GatewayEpoch = 0xfedcba9876543210;
    private const ulong DecisionUnixTimeUs = 1_790_000_000_123_456;

    public static string Build()
    {
        var math = new ChainMath(new PortableHmacSha256());
        ulong deviceId = math.DeviceId(DeviceMac, 0, DeviceMac.Length);
        ulong gatewayId = math.DeviceId(GatewayMac, 0, GatewayMac.Length);
        var samples = new FixedSamples(0x5eed0001);
        var device = new DeviceChain(math, deviceId, Epoch);

        var chain = new List<LinkRecord>();
        for (uint seq = 0; seq <= 5; seq++)
        {
            var frame = new Frame
            {
                Kind = seq == 0 ? FrameKind.Genesis : FrameKind.Observation,
                Seq = seq,
                UptimeUs = 2_000_000 + seq * 10_000_037UL,
                ResetCause = seq == 0 ? ResetCause.PowerOn : ResetCause.Unknown,
                RequestedScope = Scopes.Observe | Scopes.Telemetry | Scopes.Actuate,
                FeatureMask = Features.AllMask,
            };
            double[] values = [2047.5 + seq, 3.25 + 0.01 * seq, 0.4985, 14.75 + seq, 1.125, 22.5 - 0.1 * seq, 41.0, 95.5 - seq];
            for (int i = 0; i < Features.Count; i++) frame.Features[i] = Features.ToWire(values[i]);
            chain.Add(device.Link(frame, samples.NextRaw()));
        }

        var partial = new Frame
        {
            Kind = FrameKind.Observation, Seq = 6, UptimeUs = 2_000_000 + 6 * 10_000_037UL + 5_000_000,
            Flags = ObservationFlags.SlowClock | ObservationFlags.DivergenceSeen,
            RequestedScope = Scopes.Observe | Scopes.Telemetry,
            FeatureMask = (1 << Features.AdcMean) | (1 << Features.AdcLsbOnesRatio) | (1 << Features.TemperatureC) | (1 << Features.FreeMemoryKb),
        };
        partial.Features[Features.AdcMean] = Features.ToWire(2049.25);
        partial.Features[Features.AdcLsbOnesRatio] = Features.ToWire(0.5012);
        partial.Features[Features.TemperatureC] = Features.ToWire(-3.5);
        partial.Features[Features.FreeMemoryKb] = Features.ToWire(88.0);
        var observation = device.Link(partial, samples.NextRaw());

        var gateway = new DeviceChain(math, gatewayId, GatewayEpoch);
        var gatewayGenesis = gateway.Link(new Frame
        {
            Kind = FrameKind.Genesis, Seq = 0, UptimeUs = 500_000, ResetCause = ResetCause.Software,
            RequestedScope = Scopes.Observe, FeatureMask = 0,
        }, samples.NextRaw());
        var witnessFrame = new Frame
        {
            Kind = FrameKind.Witness, Seq = 1, UptimeUs = 31_000_999,
            SubjectDeviceId = deviceId, SubjectEpoch = Epoch, SubjectSeq = 3, Rssi = -67, Path = WitnessPath.Radio,
        };
        chain[3].FrameDigest.CopyTo(witnessFrame.SubjectFrameDigest, 0);
        var witness = gateway.Link(witnessFrame, samples.NextRaw());

        var decisionFrame = new Frame
        {
            Kind = FrameKind.Decision, DeviceId = deviceId, Epoch = Epoch, Seq = 6, UptimeUs = DecisionUnixTimeUs,
            Mode = DecisionMode.AdmitRestricted, Reason = Reasons.YoungEpoch, GrantedScope = Scopes.Observe | Scopes.Telemetry,
        };
        observation.FrameDigest.CopyTo(decisionFrame.AckFrameDigest, 0);
        var decision = new byte[FrameLayout.DecisionSize];
        FrameCodec.Write(decisionFrame, decision, 0);

        var invalid = InvalidFrames.From(chain[0].Encoded, observation.Encoded, witness.Encoded, decision);
        return Write(deviceId, gatewayId, chain, observation, gatewayGenesis, witness, decisionFrame, decision, invalid);
    }

    private static string Write(ulong deviceId, ulong gatewayId, List<LinkRecord> chain, LinkRecord observation,
        LinkRecord gatewayGenesis, LinkRecord witness, Frame decisionFrame, byte[] decision,
        List<(string Description, FrameRejection Expected, byte[] Bytes)> invalid)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("about", "AqNano wire format v1 project vectors (docs/PROTOCOL.md), generated by tests/AqNano.VectorGen from fixed inputs. " +
                "Byte strings are lower-case hex; deviceId, epoch and subject ids are their 8 wire bytes (little-endian) in hex; " +
                "'features' lists the present features' wire values (x1000) in bit order. K = HMAC-SHA256(key, message). " +
                "Each link: mix = K('AQ1/mix', raw); S = K('AQ1/seed', deviceId||epoch||mix) at seq 0, else K(S_prev, 'AQ1/state'||seq||uptimeUs||mix); " +
                "nextR = K(S, 'AQ1/key'); commitC = K(nextR, 'AQ1/commit'); revealR = the previous link's nextR (zero at seq 0); " +
                "frameDigest = K('AQ1/frame', frame without its last 32 bytes); tag = K(nextR, 'AQ1/tag'||frameDigest).");
            json.WriteString("generator", "dotnet run --project tests/AqNano.VectorGen -- tests/vectors/" + FileName);
            json.WriteStartObject("labels");
            foreach (var (name, label) in new[] { ("mix", ChainLabels.Mix), ("seed", ChainLabels.Seed), ("state", ChainLabels.State),
                         ("key", ChainLabels.Key), ("commit", ChainLabels.Commit), ("frame", ChainLabels.Frame), ("tag", ChainLabels.Tag), ("id", ChainLabels.Id) })
            {
                json.WriteString(name, Encoding.ASCII.GetString(label));
            }
            json.WriteEndObject();
            json.Hex("chipIdMac", DeviceMac);
            json.WriteString("deviceId", Hex.FromWire(deviceId));
            json.WriteString("epoch", Hex.FromWire(Epoch));
            json.WriteString("obsTopic", Topics.Observation(deviceId));
            json.WriteString("decisionTopic", Topics.Decision(deviceId));

            json.WriteStartArray("chain");
            foreach (var link in chain) VectorJson.Link(json, link);
            json.WriteEndArray();

            json.WriteStartObject("kinds");
            json.WritePropertyName("genesis");
            VectorJson.Link(json, chain[0]);
            json.WriteString("observationNote", "seq 6 of the chain above: a partial featureMask, slowClock and divergenceSeen set");
            json.WritePropertyName("observation");
            VectorJson.Link(json, observation);
            json.WriteString("witnessNote", "a gateway's own chain: its Genesis, then a Witness (seq 1) of the device's seq 3, heard by radio");
            json.Hex("gatewayChipIdMac", GatewayMac);
            json.WriteString("gatewayId", Hex.FromWire(gatewayId));
            json.WritePropertyName("gatewayGenesis");
            VectorJson.Link(json, gatewayGenesis);
            json.WritePropertyName("witness");
            VectorJson.Link(json, witness);
            json.WriteString("decisionNote", "the verifier's Decision acknowledging seq 6 (no chain link, no tag)");
            json.WriteStartObject("decision");
            VectorJson.Fields(json, decisionFrame);
            json.Hex("frame", decision);
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartArray("invalid");
            foreach (var (description, expected, bytes) in invalid)
            {
                json.WriteStartObject();
                json.WriteString("description", description);
                json.WriteString("rejection", expected.ToString());
                json.WriteNumber("rejectionNumber", (int)expected);
                json.Hex("frame", bytes);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
