using System.Buffers;
using System.Collections.Concurrent;
using AqNano.Firmware.Core.Ports;
using MQTTnet;
using MQTTnet.Protocol;

namespace AqNano.Simulator.Network;

/// <summary>The Core's <see cref="IUplink"/> over a real MQTT 5 broker through MQTTnet's client.
/// Publish blocks until the PUBACK (QoS 1) or a timeout, as the board's M2Mqtt publish does; a PUBACK
/// with a refusal reason is still an acknowledgement (the broker decided) and is counted. Received
/// messages wait in a queue that the Core polls; a lost connection is retried in the background and
/// its subscriptions restored, since the agent may not see the gap between two Steps (firmware/README.md).</summary>
public sealed class MqttUplink : IUplink, INotifyingUplink, IDisposable
{
    private static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ReconnectEvery = TimeSpan.FromSeconds(2);
    private readonly IMqttClient _client;
    private readonly MqttClientOptions _options;
    private readonly ConcurrentQueue<(string Topic, byte[] Payload)> _inbox = new();
    private readonly List<string> _subscriptions = new();
    private int _reconnecting;
    private DateTime _lastReconnectUtc;

    private MqttUplink(IMqttClient client, MqttClientOptions options)
    {
        _client = client;
        _options = options;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            _inbox.Enqueue((e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray()));
            MessageArrived?.Invoke();
            return Task.CompletedTask;
        };
    }

    public event Action? MessageArrived;

    public long RefusedCount { get; private set; }
    public long TimeoutCount { get; private set; }

    /// <summary>Reconnects now if the connection is down (tests; the background retry does the same).</summary>
    public bool TryReconnectNow()
    {
        _lastReconnectUtc = DateTime.MinValue;
        ReconnectInBackground();
        SpinWait.SpinUntil(() => _client.IsConnected && Volatile.Read(ref _reconnecting) == 0, TimeSpan.FromSeconds(10));
        return _client.IsConnected;
    }

    /// <summary>Connects (clean start, a fresh client id per boot as DESIGN.md "Ownership" asks);
    /// throws <see cref="MqttTransportException"/> naming the broker when it cannot be reached.</summary>
    public static MqttUplink Connect(string host, int port, string clientId) => Connect(new BrokerEndpoint(host, port, null), clientId);

    /// <summary>As above, over TLS with the broker's CA pinned when the endpoint is mqtts:// (a confidential path).</summary>
    public static MqttUplink Connect(BrokerEndpoint endpoint, string clientId)
    {
        (IMqttClient client, MqttClientOptions options) = Create(endpoint, clientId);
        try
        {
            client.ConnectAsync(options).GetAwaiter().GetResult();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            client.Dispose();
            throw new MqttTransportException($"cannot connect to {endpoint} as {clientId}: {exception.Message}", exception);
        }
        return new MqttUplink(client, options);
    }

    /// <summary>Returns at once and connects in the background, as a board powering on does: its Core sees the
    /// uplink down until the CONNACK and polls again (DeviceSettings.ReconnectPollMs). A fleet's boards run on one
    /// simulator thread, so a blocking CONNECT per board made every board of the process wait for the others'
    /// connects at a fleet's power-on (docs/PERFORMANCE.md "Fleet load", run P).</summary>
    public static MqttUplink ConnectInBackground(BrokerEndpoint endpoint, string clientId)
    {
        (IMqttClient client, MqttClientOptions options) = Create(endpoint, clientId);
        var uplink = new MqttUplink(client, options);
        uplink.ReconnectInBackground();
        return uplink;
    }

    private static (IMqttClient Client, MqttClientOptions Options) Create(BrokerEndpoint endpoint, string clientId)
    {
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
            .WithTcpServer(endpoint.Host, endpoint.Port)
            .WithClientId(clientId)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (endpoint.Tls)
        {
            builder = builder.WithTlsOptions(tls => tls.UseTls().WithTargetHost(endpoint.Host)
                .WithCertificateValidationHandler(check => endpoint.Accepts(check.Certificate, check.SslPolicyErrors)));
        }
        return (client, builder.Build());
    }

    public bool IsConnected
    {
        get
        {
            if (_client.IsConnected) return true;
            ReconnectInBackground();
            return false;
        }
    }

    public bool Publish(string topic, byte[] payload, int offset, int length, bool retain)
    {
        if (!_client.IsConnected) return false;
        MqttApplicationMessage message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(new ArraySegment<byte>(payload, offset, length).ToArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        try
        {
            using CancellationTokenSource timeout = new(AckTimeout);
            MqttClientPublishResult result = _client.PublishAsync(message, timeout.Token).GetAwaiter().GetResult();
            if (!result.IsSuccess) RefusedCount++;
            return true;
        }
        catch (Exception exception) when (IsConnectionLoss(exception))
        {
            TimeoutCount++;
            return false;
        }
    }

    /// <summary>What a request meets when the connection goes while it waits: a timeout, a communication error,
    /// or (MQTTnet 5 client, seen in the 10,000-board load run with 2,500 clients a process) a
    /// NullReferenceException or ObjectDisposedException from the torn-down channel. All are "not done": the
    /// board tries again, as over a lost link.</summary>
    private static bool IsConnectionLoss(Exception exception) =>
        exception is OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationException
            or NullReferenceException or ObjectDisposedException;

    public bool Subscribe(string topic)
    {
        if (!_client.IsConnected) return false;
        try
        {
            MqttClientSubscribeOptions options = new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            using CancellationTokenSource timeout = new(AckTimeout);
            MqttClientSubscribeResult result = _client.SubscribeAsync(options, timeout.Token).GetAwaiter().GetResult();
            bool granted = result.Items.All(i => (int)i.ResultCode <= (int)MqttClientSubscribeResultCode.GrantedQoS2);
            if (granted)
            {
                lock (_subscriptions)
                {
                    if (!_subscriptions.Contains(topic)) _subscriptions.Add(topic);
                }
            }
            return granted;
        }
        catch (Exception exception) when (IsConnectionLoss(exception))
        {
            return false;
        }
    }

    public int Receive(byte[] buffer, int offset, out string topic)
    {
        topic = null!;
        if (!_inbox.TryDequeue(out (string Topic, byte[] Payload) message)) return -1;
        topic = message.Topic;
        Array.Copy(message.Payload, 0, buffer, offset, Math.Min(message.Payload.Length, buffer.Length - offset));
        return message.Payload.Length;
    }

    public void Dispose()
    {
        try
        {
            if (_client.IsConnected) _client.DisconnectAsync().Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // The broker went first; nothing left to close.
        }
        _client.Dispose();
    }

    private void ReconnectInBackground()
    {
        if (DateTime.UtcNow - _lastReconnectUtc < ReconnectEvery || Interlocked.Exchange(ref _reconnecting, 1) == 1) return;
        _lastReconnectUtc = DateTime.UtcNow;
        _ = Task.Run(async () =>
        {
            try
            {
                await _client.ConnectAsync(_options);
                string[] topics;
                lock (_subscriptions) topics = _subscriptions.ToArray();
                foreach (string topic in topics)
                {
                    await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce).Build());
                }
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // Still down: the next IsConnected poll tries again after ReconnectEvery.
            }
            finally
            {
                Interlocked.Exchange(ref _reconnecting, 0);
            }
        });
    }
}
