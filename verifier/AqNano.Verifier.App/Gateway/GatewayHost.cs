using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using AqNano.Protocol;
using AqNano.Protocol.Frames;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace AqNano.Verifier.App.Gateway;

/// <summary>The host-side gateway of `aqnano gateway` (docs/ADOPTION.md "Gateway-mediated retrofit"): watches plain sensors' topics on
/// one broker, keeps a chain for each (and its own), and publishes every frame on the device's obs topic at QoS 1 over
/// ONE connection to the verifier's broker, so that the connection owning the gateway's chain carries its devices'
/// chains too (docs/VERIFIER.md "Proxied devices": the carrier check). A frame not acknowledged is resent byte for
/// byte on the next tick. One line per notable event.</summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly GatewayOptions _options;
    private readonly TextWriter _log;
    private readonly IMqttClient _watcher = new MqttClientFactory().CreateMqttClient();
    private readonly IMqttClient _uplink = new MqttClientFactory().CreateMqttClient();
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private readonly ConcurrentDictionary<ulong, (DecisionMode Mode, byte Reason)> _decisions = new();
    private long _badMessages;
    private long _messagesObserved;
    private long _framesAcknowledged;
    private long _framesRefused;
    private long _publishFailures;
    private long _topicsRefused;

    public GatewayHost(GatewayOptions options, TextWriter log)
    {
        _options = options;
        _log = log;
        Chains = new GatewayChains(options.GatewayId, options.MaxDevices);
        _watcher.ApplicationMessageReceivedAsync += OnSensorMessage;
        _uplink.ApplicationMessageReceivedAsync += OnDecision;
    }

    public GatewayChains Chains { get; }
    public long MessagesObserved => Interlocked.Read(ref _messagesObserved);
    public long FramesAcknowledged => Interlocked.Read(ref _framesAcknowledged);
    /// <summary>Frames the broker answered without forwarding (judged and recorded all the same).</summary>
    public long FramesRefused => Interlocked.Read(ref _framesRefused);
    public long PublishFailures => Interlocked.Read(ref _publishFailures);
    public long TopicsRefused => Interlocked.Read(ref _topicsRefused);
    public long BadMessages => Interlocked.Read(ref _badMessages);

    /// <summary>The last Decision the verifier published for a device this gateway carries (or for itself).</summary>
    public bool TryGetDecision(ulong deviceId, out DecisionMode mode, out byte reason)
    {
        bool found = _decisions.TryGetValue(deviceId, out var decision);
        (mode, reason) = decision;
        return found;
    }

    /// <summary>The gateway's own monotonic clock (uptimeUs of its frames and arrival times of the messages).</summary>
    public ulong UptimeUs => (ulong)(Stopwatch.GetElapsedTime(_startTimestamp).Ticks / 10);

    public async Task StartAsync(CancellationToken stop)
    {
        await ConnectAsync(_uplink, _options.PublishTo, "aq-gw-", stop);
        await SubscribeAsync(_uplink, Topics.Decision(Chains.GatewayId), stop);
        await ConnectAsync(_watcher, _options.Broker, "aqnano-gateway-watch-", stop);
        foreach (string filter in _options.Watch) await SubscribeAsync(_watcher, filter, stop);
        Line($"gateway {Hex.FromWire(Chains.GatewayId)} watching {string.Join(", ", _options.Watch)} on {_options.Broker}, " +
             $"chains to {_options.PublishTo} every {_options.Interval.TotalSeconds:0.###} s");
    }

    /// <summary>Ticks until <paramref name="stop"/>: each tick makes and publishes the frames due.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(_options.Interval);
        try
        {
            do await TickAsync(stop);
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    public async Task TickAsync(CancellationToken stop)
    {
        if (!_uplink.IsConnected && !await TryReconnectAsync(stop)) return;
        foreach (OutgoingFrame frame in Chains.FramesDue(UptimeUs))
        {
            MqttClientPublishResult result;
            try
            {
                result = await _uplink.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(frame.Topic).WithPayload(frame.Frame)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), stop);
            }
            catch (Exception exception) when (exception is MQTTnet.Exceptions.MqttCommunicationException or IOException or TimeoutException
                                              or InvalidOperationException)
            {
                // Not acknowledged: the same bytes go again next tick and nothing newer is made meanwhile (DESIGN.md "Delivery").
                Interlocked.Increment(ref _publishFailures);
                Line($"publish of {frame.Label} seq {frame.Seq} failed, will resend: {exception.Message}");
                return;
            }
            // Answered either way: the verifier judged and recorded the frame before the broker replied, so the chain
            // goes on, as a board's does (a refusal there means "not forwarded", e.g. a candidate epoch after a restart
            // from a connection that does not own the id yet); the Decisions say where the chain stands.
            Chains.Acknowledged(frame);
            Interlocked.Increment(ref _framesAcknowledged);
            if (result.IsSuccess) continue;
            if (Interlocked.Increment(ref _framesRefused) <= 20)
                Line($"the broker did not forward {frame.Label} seq {frame.Seq} ({result.ReasonCode}); the chain goes on, see its decisions");
        }
    }

    private Task OnSensorMessage(MqttApplicationMessageReceivedEventArgs args)
    {
        ulong arrivalUs = UptimeUs;
        string topic = args.ApplicationMessage.Topic;
        // A gateway carries plain sensors' behaviour, never chain traffic (a "#" watch would also see aq/ topics).
        if (topic.StartsWith("aq/", StringComparison.Ordinal)) return Task.CompletedTask;
        if (!PlainReading.TryParse(args.ApplicationMessage.Payload.ToArray(), _options.ValueField, _options.SignalField,
                                   out int valueMilli, out bool hasSignal, out int signalDbm, out string error))
        {
            if (Interlocked.Increment(ref _badMessages) <= 20) Line($"refused a message on {topic}: {error} (nothing observed)");
            return Task.CompletedTask;
        }
        var device = Chains.DeviceFor(topic, out bool created);
        if (device == null)
        {
            if (Interlocked.Increment(ref _topicsRefused) <= 20) Line($"refused topic {topic}: already carrying {_options.MaxDevices} devices (--max-devices)");
            return Task.CompletedTask;
        }
        Chains.Observe(device, arrivalUs, valueMilli, hasSignal, signalDbm);
        Interlocked.Increment(ref _messagesObserved);
        if (created)
        {
            Line($"new proxied device {Hex.FromWire(device.DeviceId)} for {topic}; register the pair in the verifier's policy: " +
                 $"\"proxied\": {{ \"{Hex.FromWire(device.DeviceId)}\": \"{Hex.FromWire(Chains.GatewayId)}\" }}");
            _ = SubscribeQuietlyAsync(Topics.Decision(device.DeviceId));
        }
        return Task.CompletedTask;
    }

    private Task OnDecision(MqttApplicationMessageReceivedEventArgs args)
    {
        byte[] bytes = args.ApplicationMessage.Payload.ToArray();
        var frame = new Frame();
        if (!FrameCodec.TryParse(bytes, 0, bytes.Length, frame, out _) || frame.Kind != FrameKind.Decision) return Task.CompletedTask;
        var now = (frame.Mode, frame.Reason);
        if (!_decisions.TryGetValue(frame.DeviceId, out var before) || before != now)
            Line($"decision {Hex.FromWire(frame.DeviceId)}: {frame.Mode}/{ReasonNames.Of(frame.Reason)}, granted 0x{frame.GrantedScope:x2}");
        _decisions[frame.DeviceId] = now;
        return Task.CompletedTask;
    }

    private async Task ConnectAsync(IMqttClient client, Uri broker, string clientPrefix, CancellationToken stop)
    {
        // A fresh random client id per run, as boards do per boot: a client-id takeover can only drop a connection.
        var builder = new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port)
            .WithClientId(clientPrefix + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)))
            .WithProtocolVersion(MqttProtocolVersion.V500).WithCleanSession(true).WithTimeout(TimeSpan.FromSeconds(10));
        if (broker.Scheme == "mqtts") builder = builder.WithTlsOptions(o => o.UseTls());
        var connected = await client.ConnectAsync(builder.Build(), stop);
        if (connected.ResultCode != MqttClientConnectResultCode.Success)
            throw new InvalidOperationException($"{broker} refused the connection: {connected.ResultCode}");
    }

    private static async Task SubscribeAsync(IMqttClient client, string filter, CancellationToken stop)
    {
        var result = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build(), stop);
        var code = result.Items.Single().ResultCode;
        if (code > MqttClientSubscribeResultCode.GrantedQoS2) throw new InvalidOperationException($"the broker refused the subscription {filter}: {code}");
    }

    private async Task SubscribeQuietlyAsync(string topic)
    {
        try
        {
            if (_uplink.IsConnected) await SubscribeAsync(_uplink, topic, CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Line($"could not follow {topic}: {exception.Message}");
        }
    }

    private async Task<bool> TryReconnectAsync(CancellationToken stop)
    {
        try
        {
            await ConnectAsync(_uplink, _options.PublishTo, "aq-gw-", stop);
            await SubscribeAsync(_uplink, Topics.Decision(Chains.GatewayId), stop);
            Line($"reconnected to {_options.PublishTo}");
            return true;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException and not OperationCanceledException)
        {
            Line($"{_options.PublishTo} unreachable, chains paused: {exception.Message}");
            return false;
        }
    }

    private void Line(string text)
    {
        lock (_log) _log.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {text}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (IMqttClient client in new[] { _watcher, _uplink })
        {
            try
            {
                if (client.IsConnected) await client.DisconnectAsync();
            }
            catch (Exception exception) when (exception is MQTTnet.Exceptions.MqttCommunicationException or IOException or System.Net.Sockets.SocketException)
            {
                // The broker went first: nothing to close.
            }
            client.Dispose();
        }
    }
}
