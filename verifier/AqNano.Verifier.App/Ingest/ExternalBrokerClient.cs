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
    private readonly MqttClientOptions _options;
    private readonly PathMode _path;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();

    public ExternalBrokerClient(Uri broker, string? userName, string? password, PathMode path, ILogger logger)
    {
        _path = path;
        _logger = logger;
        var builder = new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port > 0 ? broker.Port : 1883)
            .WithClientId("aqnano-verifier-" + Guid.NewGuid().ToString("N")[..8]).WithCleanSession(true)
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (userName != null) builder = builder.WithCredentials(userName, password);
        if (broker.Scheme == "mqtts") builder = builder.WithTlsOptions(o => o.UseTls());
        _options = builder.Build();
        _client.ApplicationMessageReceivedAsync += OnMessage;
        _client.DisconnectedAsync += OnDisconnected;
    }

    /// <summary>Set before <see cref="StartAsync"/>: where obs frames go.</summary>
    public FrameIngest? Ingest { get; set; }

    public async Task StartAsync()
    {
        await ConnectAndSubscribeAsync();
        _logger.LogInformation("verifier connected to external broker {Server}", _options.ChannelOptions);
    }

    public void Publish(ulong deviceId, byte[] decisionFrame)
    {
        var message = new MqttApplicationMessageBuilder().WithTopic(Topics.Decision(deviceId)).WithPayload(decisionFrame)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(true).Build();
        // Ordered per device: PublishAsync queues in call order on one client connection.
        _ = _client.PublishAsync(message, _stop.Token).ContinueWith(t =>
            _logger.LogWarning("decision for {Device} not published: {Error}", Hex.FromWire(deviceId), t.Exception?.GetBaseException().Message),
            TaskContinuationOptions.OnlyOnFaulted);
    }

    private async Task ConnectAndSubscribeAsync()
    {
        var connected = await _client.ConnectAsync(_options, _stop.Token);
        if (connected.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"the external broker refused the verifier: {connected.ResultCode}");
        }
        var subscribed = await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(Topics.AllObservations, MqttQualityOfServiceLevel.AtLeastOnce, false, false, MqttRetainHandling.SendAtSubscribe).Build(), _stop.Token);
        var code = subscribed.Items.Single().ResultCode;
        if (code > MqttClientSubscribeResultCode.GrantedQoS2)
        {
            throw new InvalidOperationException($"the external broker refused the verifier's obs subscription: {code} (check its ACL)");
        }
    }

    private Task OnMessage(MqttApplicationMessageReceivedEventArgs args)
    {
        var message = args.ApplicationMessage;
        Ingest?.Judge(message.Topic, message.Payload.ToArray(), "external-broker", _path);
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
        _stop.Cancel();
        if (_client.IsConnected) await _client.DisconnectAsync();
        _client.Dispose();
    }
}
