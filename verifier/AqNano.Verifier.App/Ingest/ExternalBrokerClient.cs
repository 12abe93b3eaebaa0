using System.Buffers;
using AqNano.Protocol;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace AqNano.Verifier.App.Ingest;

/// <summary>The verifier as a plain client of an external broker such as Mosquitto (issue 6 item 3):
/// subscribes to every obs topic at QoS 1 and judges each frame before MQTTnet acknowledges it (the
/// handler returns first), publishes Decisions retained. That broker's own ACL enforces topics (see
/// verifier/mosquitto/); it cannot tell connections apart, so the path mode comes from the policy.</summary>
public sealed class ExternalBrokerClient : IDecisionSink, IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    /// <summary>Decisions go out on a second connection: QoS 1 publishes on the receiving connection
    /// stall its acknowledgements (measured: 30 frames/s instead of thousands).</summary>
    private readonly IMqttClient _publisher = new MqttClientFactory().CreateMqttClient();
    private readonly MqttClientOptions _options;
    private readonly MqttClientOptions _publisherOptions;
    private readonly PathMode _path;
    private readonly string _observationFilter;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly System.Threading.Channels.Channel<(ulong DeviceId, byte[] Frame)> _decisions =
        System.Threading.Channels.Channel.CreateUnbounded<(ulong, byte[])>(new() { SingleReader = true });
    private Task? _publishing;

    /// <param name="workerId">Worker mode: names this worker's persistent session (each worker has its own).</param>
    /// <param name="sharedGroup">Worker mode with an MQTT 5 shared subscription ($share/NAME/...): for brokers whose
    /// shared subscriptions keep a publisher on one subscriber (EMQX hash/sticky, HiveMQ); docs/SCALING-WORKERS.md.</param>
    public ExternalBrokerClient(Uri broker, string? userName, string? password, PathMode path, ILogger logger,
        string? workerId = null, string? sharedGroup = null)
    {
        _path = path;
        _logger = logger;
        _observationFilter = sharedGroup == null ? Topics.AllObservations : $"$share/{sharedGroup}/{Topics.AllObservations}";
        // A persistent session under a fixed id: the broker keeps queueing obs frames (it has already
        // acknowledged them to the boards) while the verifier is away, and redelivers any it had not
        // acknowledged. The decision connection needs no session.
        _options = Options(broker, userName, password, workerId == null ? "aqnano-verifier" : "aqnano-verifier-" + workerId, cleanSession: false,
            sharedGroup != null);
        _publisherOptions = Options(broker, userName, password, "aqnano-verifier-decisions-" + Guid.NewGuid().ToString("N")[..8], cleanSession: true);
        _client.ApplicationMessageReceivedAsync += OnMessage;
        _client.DisconnectedAsync += OnDisconnected;
    }

    /// <summary>A fresh builder each time: MqttClientOptionsBuilder.Build returns its one mutable instance.</summary>
    private static MqttClientOptions Options(Uri broker, string? userName, string? password, string clientId, bool cleanSession,
        bool mqtt5 = false)
    {
        var builder = new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port > 0 ? broker.Port : 1883)
            .WithClientId(clientId).WithCleanSession(cleanSession)
            .WithTimeout(TimeSpan.FromSeconds(10));
        // Shared subscriptions are MQTT 5; a persistent MQTT 5 session needs a session expiry to outlive the connection.
        if (mqtt5) builder = builder.WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).WithSessionExpiryInterval(uint.MaxValue);
        if (userName != null) builder = builder.WithCredentials(userName, password);
        if (broker.Scheme == "mqtts") builder = builder.WithTlsOptions(o => o.UseTls());
        return builder.Build();
    }

    /// <summary>Set before <see cref="StartAsync"/>: where obs frames go.</summary>
    public FrameIngest? Ingest { get; set; }

    /// <summary>Worker mode: frames go through the router (judged if this worker owns their partition, else kept).</summary>
    public Workers.PartitionRouter? Router { get; set; }

    public async Task StartAsync()
    {
        var connected = await _publisher.ConnectAsync(_publisherOptions, _stop.Token);
        if (connected.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"the external broker refused the verifier: {connected.ResultCode}");
        }
        await ConnectAndSubscribeAsync();
        _publishing = Task.Run(PublishDecisionsAsync);
        _logger.LogInformation("verifier connected to external broker {Server}", _options.ChannelOptions);
    }

    /// <summary>Queued, not sent from the receive handler; one publisher loop keeps decisions in order.</summary>
    public void Publish(ulong deviceId, byte[] decisionFrame) => _decisions.Writer.TryWrite((deviceId, decisionFrame));

    private async Task PublishDecisionsAsync()
    {
        // Up to 64 decisions in flight, started in queue order on one connection (so kept in order),
        // instead of one round trip each.
        using var inFlight = new SemaphoreSlim(64);
        await foreach (var (deviceId, frame) in _decisions.Reader.ReadAllAsync())
        {
            var message = new MqttApplicationMessageBuilder().WithTopic(Topics.Decision(deviceId)).WithPayload(frame)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(true).Build();
            await inFlight.WaitAsync();
            if (!_publisher.IsConnected) await ReconnectPublisherAsync();
            _ = SendAsync(message, deviceId, inFlight);
        }
        for (int i = 0; i < 64; i++) await inFlight.WaitAsync();
    }

    private async Task ReconnectPublisherAsync()
    {
        try
        {
            await _publisher.ConnectAsync(_publisherOptions, _stop.Token);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException and not OperationCanceledException)
        {
            _logger.LogWarning("decision connection lost and not yet back: {Error}", exception.Message);
        }
    }

    private async Task SendAsync(MqttApplicationMessage message, ulong deviceId, SemaphoreSlim inFlight)
    {
        try
        {
            await _publisher.PublishAsync(message, _stop.Token);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            _logger.LogWarning("decision for {Device} not published: {Error}", Hex.FromWire(deviceId), exception.Message);
        }
        finally
        {
            inFlight.Release();
        }
    }

    private async Task ConnectAndSubscribeAsync()
    {
        var connected = await _client.ConnectAsync(_options, _stop.Token);
        if (connected.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"the external broker refused the verifier: {connected.ResultCode}");
        }
        var subscribed = await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(_observationFilter, MqttQualityOfServiceLevel.AtLeastOnce, false, false, MqttRetainHandling.SendAtSubscribe).Build(), _stop.Token);
        var code = subscribed.Items.Single().ResultCode;
        if (code > MqttClientSubscribeResultCode.GrantedQoS2)
        {
            throw new InvalidOperationException($"the external broker refused the verifier's obs subscription: {code} (check its ACL)");
        }
    }

    private Task OnMessage(MqttApplicationMessageReceivedEventArgs args)
    {
        var message = args.ApplicationMessage;
        try
        {
            if (Router != null) Router.Receive(message.Topic, message.Payload.ToArray());
            else Ingest?.Judge(message.Topic, message.Payload.ToArray(), "external-broker", _path);
        }
        catch (IOException exception)
        {
            // The ledger did not take it: leave it unacknowledged and drop the connection, so that the
            // broker redelivers it from the persistent session once we are back.
            _logger.LogError("ledger unavailable, frame on {Topic} left unacknowledged: {Error}", message.Topic, exception.Message);
            args.AutoAcknowledge = false;
            _ = Task.Run(() => _client.DisconnectAsync());
        }
        return Task.CompletedTask;
    }

    private async Task OnDisconnected(MqttClientDisconnectedEventArgs args)
    {
        while (!_stop.IsCancellationRequested)
        {
            _logger.LogWarning("external broker connection lost ({Reason}); reconnecting", args.Reason);
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), _stop.Token);
                await ConnectAndSubscribeAsync();
                return;
            }
            catch (OperationCanceledException) { return; }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                _logger.LogWarning("reconnect failed: {Error}", exception.Message);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _decisions.Writer.TryComplete();
        _stop.Cancel();
        if (_publishing != null) await _publishing;
        if (_client.IsConnected) await _client.DisconnectAsync();
        if (_publisher.IsConnected) await _publisher.DisconnectAsync();
        _client.Dispose();
        _publisher.Dispose();
    }
}
