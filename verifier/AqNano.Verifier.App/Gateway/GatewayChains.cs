using System.Security.Cryptography;
using AqNano.Firmware.Core.Proxied;
using AqNano.Protocol;
using AqNano.Protocol.Chain;
using AqNano.Protocol.Host;

namespace AqNano.Verifier.App.Gateway;

/// <summary>The host gateway's chains (docs/ADOPTION.md "Gateway-mediated retrofit"): its own, and one <see cref="ProxiedDevice"/> per
/// watched topic, all on firmware Core's chain code. Entropy is the gateway's own: 32 bytes of the operating system's
/// generator per frame, plus the arrival jitter of each sensor's messages (ProxiedChain). Thread-safe: messages come
/// in on MQTTnet's thread, frames are made on the gateway's timer.</summary>
public sealed class GatewayChains
{
    private readonly object _gate = new();
    private readonly ChainMath _math = new(new HostHmacSha256());
    private readonly ProxiedChain _own;
    private readonly Dictionary<string, ProxiedDevice> _devices = new(StringComparer.Ordinal);
    private readonly int _maxDevices;
    private readonly byte[] _entropy = new byte[ProxiedChain.EntropySize];
    private readonly int[] _noFeatures = new int[AqNano.Protocol.Frames.Features.Count];

    public GatewayChains(string gatewayChipId, int maxDevices)
    {
        byte[] chipId = System.Text.Encoding.UTF8.GetBytes(gatewayChipId);
        GatewayId = _math.DeviceId(chipId, 0, chipId.Length);
        // The gateway's own chain carries no features: a host has no ADC noise to report, and features may only
        // lower trust (DESIGN.md "Evidence"). Intent: Observe and Telemetry.
        _own = new ProxiedChain(_math, GatewayId, Scopes.Telemetry);
        _maxDevices = maxDevices;
    }

    public ulong GatewayId { get; }

    public int DeviceCount { get { lock (_gate) return _devices.Count; } }

    /// <summary>The proxied device of <paramref name="topic"/> (made on first sight); null when the gateway already
    /// carries <see cref="GatewayOptions.MaxDevices"/>. <paramref name="created"/> says it is new.</summary>
    public ProxiedDevice? DeviceFor(string topic, out bool created)
    {
        lock (_gate)
        {
            created = false;
            if (_devices.TryGetValue(topic, out ProxiedDevice? device)) return device;
            if (_devices.Count >= _maxDevices) return null;
            byte[] address = ProxiedIdentity.AddressBytes(topic);
            device = new ProxiedDevice(_math, GatewayId, address, 0, address.Length, Scopes.Telemetry);
            _devices[topic] = device;
            created = true;
            return device;
        }
    }

    public void Observe(ProxiedDevice device, ulong arrivalUs, int valueMilli, bool hasSignal, int signalDbm)
    {
        lock (_gate) device.Observe(arrivalUs, valueMilli, hasSignal, signalDbm);
    }

    /// <summary>The frames due now, the gateway's own first (so the verifier knows the gateway before its devices):
    /// new links where the last one was acknowledged, else the unacknowledged one again, byte for byte.</summary>
    public List<OutgoingFrame> FramesDue(ulong uptimeUs)
    {
        var frames = new List<OutgoingFrame>();
        lock (_gate)
        {
            if (!_own.HasUnsent)
            {
                RandomNumberGenerator.Fill(_entropy);
                _own.TryMakeFrame(uptimeUs, _entropy, 0, _entropy.Length, 0, _noFeatures);
            }
            frames.Add(new OutgoingFrame(GatewayId, Topics.Observation(GatewayId), _own.FrameBytes.AsSpan(0, _own.FrameLength).ToArray(), _own.LastSeq, "gateway"));
            foreach ((string topic, ProxiedDevice device) in _devices)
            {
                if (!device.HasUnsent && device.ObservationsInWindow > 0)
                {
                    RandomNumberGenerator.Fill(_entropy);
                    device.TryMakeFrame(uptimeUs, _entropy, 0, _entropy.Length);
                }
                if (device.HasUnsent)
                    frames.Add(new OutgoingFrame(device.DeviceId, device.ObservationTopic, device.FrameBytes.AsSpan(0, device.FrameLength).ToArray(), device.LastSeq, topic));
            }
        }
        return frames;
    }

    /// <summary>The broker acknowledged the frame: the chain may go on.</summary>
    public void Acknowledged(OutgoingFrame frame)
    {
        lock (_gate)
        {
            if (frame.DeviceId == GatewayId) _own.MarkSent();
            else if (_devices.TryGetValue(frame.Label, out ProxiedDevice? device)) device.MarkSent();
        }
    }
}
