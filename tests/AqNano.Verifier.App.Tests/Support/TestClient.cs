using System.Buffers;
using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace AqNano.Verifier.App.Tests.Support;

/// <summary>A real MQTTnet 5 client (MQTT 5, so that PUBACK and SUBACK carry reason codes) that
/// keeps what it receives.</summary>
public sealed class TestClient : IAsyncDisposable
{
    private TestClient(IMqttClient client) => Client = client;

    public IMqttClient Client { get; }

    /// <summary>The broker resumed an existing session for this client id (CONNACK session present).</summary>
    public bool SessionPresent { get; private set; }

    public ConcurrentQueue<MqttApplicationMessage> Received { get; } = new();

    /// <param name="clientCertificate">Presented at the TLS handshake (with its key) when given; implies TLS.</param>
    public static async Task<TestClient> ConnectAsync(int port, string? clientId = null, string? user = null, string? password = null, bool tls = false, bool cleanSession = true,
                                                      System.Security.Cryptography.X509Certificates.X509Certificate2? clientCertificate = null)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var result = new TestClient(client);
        client.ApplicationMessageReceivedAsync += e => { result.Received.Enqueue(e.ApplicationMessage); return Task.CompletedTask; };
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId ?? "test-" + Guid.NewGuid().ToString("N")).WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(10)).WithCleanSession(cleanSession);
        if (!cleanSession) options = options.WithSessionExpiryInterval(600);
        if (user != null) options = options.WithCredentials(user, password);
        if (clientCertificate != null) options = options.WithTlsOptions(o => o.UseTls().WithCertificateValidationHandler(_ => true).WithClientCertificates([clientCertificate]));
        else if (tls) options = options.WithTlsOptions(o => o.UseTls().WithCertificateValidationHandler(_ => true));
        var connected = await client.ConnectAsync(options.Build());
        if (connected.ResultCode != MqttClientConnectResultCode.Success)
        {
            client.Dispose();
            throw new InvalidOperationException($"connect refused: {connected.ResultCode}");
        }
        result.SessionPresent = connected.IsSessionPresent;
        return result;
    }

    public Task<MqttClientPublishResult> PublishAsync(string topic, byte[] payload, bool retain = false) =>
        Client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(retain).Build());

    public async Task<MqttClientSubscribeResultCode> SubscribeAsync(string filter)
    {
        var result = await Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce, false, false, MqttRetainHandling.SendAtSubscribe).Build());
        return result.Items.Single().ResultCode;
    }

    /// <summary>Waits (bounded) for a message on <paramref name="topic"/> matching the predicate.</summary>
    public async Task<MqttApplicationMessage?> WaitForAsync(string topic, Func<byte[], bool>? match = null, int timeoutMs = 5000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < deadline)
        {
            var hit = Received.LastOrDefault(m => m.Topic == topic && (match == null || match(m.Payload.ToArray())));
            if (hit != null) return hit;
            await Task.Delay(20);
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Client.IsConnected) await Client.DisconnectAsync();
        }
        catch (Exception exception) when (exception is MQTTnet.Exceptions.MqttCommunicationException or System.Net.Sockets.SocketException or IOException)
        {
            // A client whose id was taken over, or whose broker stopped first, has no socket to close.
        }
        Client.Dispose();
    }
}
