using AqNano.Firmware.Core.Ports;
using AqNano.Simulator.Fleet;
using AqNano.Simulator.Network;
using AqNano.Simulator.Time;

namespace AqNano.Simulator.Capture;

/// <summary>Captures, at the sender, every publish a broker acknowledged, on any transport: the
/// capture of runs over a real broker (the in-memory broker captures at arrival instead, see
/// <see cref="BrokerCapture"/>). Each line carries the connection's label and path.</summary>
public sealed class CapturingUplinkFactory : IUplinkFactory
{
    private readonly IUplinkFactory _inner;
    private readonly CaptureWriter _writer;
    private readonly ISimulationScheduler _time;
    private readonly Func<LinkPath, LinkPath> _actualPath;
    private readonly object _gate = new();

    public CapturingUplinkFactory(IUplinkFactory inner, CaptureWriter writer, ISimulationScheduler time, Func<LinkPath, LinkPath>? actualPath = null)
    {
        _inner = inner;
        _writer = writer;
        _time = time;
        _actualPath = actualPath ?? (p => p);
    }

    public IUplink Connect(string label, string clientId, LinkPath path, LinkConditions conditions)
    {
        IUplink link = _inner.Connect(label, clientId, path, conditions);
        string pathName = _actualPath(path) == LinkPath.Confidential ? "confidential" : "open";
        CountingUplink counting = new(link);
        counting.Acknowledged += (topic, payload, offset, length) =>
        {
            CaptureLine line = new(_time.UnixStartMs + _time.NowUs / 1000, topic, payload.AsSpan(offset, length).ToArray(), pathName, label);
            lock (_gate) _writer.Write(line);
        };
        return new CapturedUplink(counting, link);
    }

    public void Disconnect(IUplink uplink) => _inner.Disconnect(uplink is CapturedUplink captured ? captured.Original : uplink);
}
