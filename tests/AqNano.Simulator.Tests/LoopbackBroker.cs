using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MQTTnet.Server;

namespace AqNano.Simulator.Tests;

/// <summary>MQTTnet's embedded server on a free loopback port, recording every publish it intercepts.</summary>
internal sealed class LoopbackBroker : IAsyncDisposable
{
    private readonly MqttServer _server;

    private LoopbackBroker(MqttServer server, int port)
    {
        _server = server;
        Port = port;
        _server.InterceptingPublishAsync += e =>
        {
            Published.Enqueue((e.ClientId, e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray()));
            return Task.CompletedTask;
        };
    }

    public int Port { get; }

    public ConcurrentQueue<(string ClientId, string Topic, byte[] Payload)> Published { get; } = new();

    /// <param name="tlsCertificate">When given, the broker listens over TLS only, with this certificate (and key).</param>
    public static async Task<LoopbackBroker> StartAsync(System.Security.Cryptography.X509Certificates.X509Certificate2? tlsCertificate = null)
    {
        int port = FreePort();
        MqttServerFactory factory = new();
        MqttServerOptions options = tlsCertificate == null
            ? factory.CreateServerOptionsBuilder()
                .WithDefaultEndpoint()
                .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
                .WithDefaultEndpointPort(port)
                .Build()
            : factory.CreateServerOptionsBuilder()
                .WithoutDefaultEndpoint()
                .WithEncryptedEndpoint()
                .WithEncryptedEndpointBoundIPAddress(IPAddress.Loopback)
                .WithEncryptedEndpointPort(port)
                .WithEncryptionCertificate(tlsCertificate)
                .Build();
        LoopbackBroker broker = new(factory.CreateMqttServer(options), port);
        await broker._server.StartAsync();
        return broker;
    }

    /// <summary>Drops a client's connection from the broker side (a network blip the client must survive).</summary>
    public async Task KickAsync(string clientId)
    {
        foreach (MqttClientStatus client in await _server.GetClientsAsync())
        {
            if (client.Id == clientId) await client.DisconnectAsync();
        }
    }

    public static int FreePort()
    {
        using TcpListener listener = new(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        _server.Dispose();
    }
}
