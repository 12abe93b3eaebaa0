using System.Buffers;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using AqNano.Protocol;
using AqNano.Verifier.App.Ingest;
using AqNano.Verifier.App.Metrics;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace AqNano.Verifier.App.Broker;

/// <summary>MQTTnet's server with the verifier in its publish path (DESIGN.md "Ownership (embedded
/// broker)"): each obs frame is judged inline, before the PUBACK and after the ledger holds it; every
/// other publish, subscription and delivery goes through <see cref="GrantRules"/>. Device topics (Decisions,
/// app traffic) are delivered by <see cref="DeviceTopicRouter"/>, not by MQTTnet's dispatch, which walks every
/// session per message; no client can publish a Decision, the router alone does.</summary>
public sealed class EmbeddedBroker : IDecisionSink, IAsyncDisposable
{
    public const string ControllerUserName = "controller";
    private const string VerifierClientId = "aqnano-verifier";
    private const int ListenBacklog = 4096;
    private readonly MqttServer _server;
    private readonly EmbeddedBrokerOptions _options;
    private readonly ConnectionRegistry _connections = new();
    // Topics outside aq/ with a retained message in MQTTnet's store, counted here to bound it (BrokerLimits.MaxRetainedTopics).
    private readonly HashSet<string> _retainedTopics = new(StringComparer.Ordinal);
    // Each Decision with the Stopwatch timestamp of its queuing: the time it waits here is part of "on time".
    private readonly Channel<(ulong DeviceId, byte[] Frame, long Queued)> _decisions = Channel.CreateUnbounded<(ulong, byte[], long)>(new() { SingleReader = true });
    private readonly AppMetrics _metrics;
    private readonly ILogger _logger;
    private Task? _publisher;
    private long _pendingDecisions;

    public EmbeddedBroker(EmbeddedBrokerOptions options, IVerifier verifier, AppMetrics metrics, TimeProvider clock, ILogger logger)
    {
        _options = options;
        _metrics = metrics;
        _logger = logger;
        Rules = new GrantRules(new OwnershipTable(), verifier.GrantedScope);
        Ingest = new FrameIngest(verifier, this, metrics, clock, logger);
        Router = new DeviceTopicRouter(_connections, Rules, metrics);
        var builder = new MqttServerFactory().CreateServerOptionsBuilder()
            .WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(options.Listen).WithDefaultEndpointPort(options.Port)
            // MQTTnet drops the oldest of more than 250 queued messages per subscriber by default;
            // a controller reading every device's telemetry must not lose QoS 1 traffic that quietly.
            .WithMaxPendingMessagesPerClient(100_000);
        if (options.TlsPort > 0 && options.TlsCertificate != null)
        {
            builder = builder.WithEncryptedEndpoint().WithEncryptedEndpointBoundIPAddress(options.Listen)
                .WithEncryptedEndpointPort(options.TlsPort).WithEncryptionCertificate(options.TlsCertificate);
            // Asked for, never required: a device without a certificate, or with a bad one, still connects and is
            // judged by its chain; the certificate is one observation the verifier weighs (issue 9, DESIGN.md).
            if (options.ClientTrust != null) builder = builder.WithClientCertificate((_, _, _, _) => true);
        }
        var serverOptions = builder.Build();
        // A fleet powered on together connects at once: 10,000 boards within one 10 s interval is 1,000 CONNECTs a
        // second. MQTTnet's accept queue of 100 overflowed then (the kernel's ListenOverflows counter), the SYNs
        // were dropped and retried a second or more later. Linux caps the queue at net.core.somaxconn (4096 here).
        serverOptions.DefaultEndpointOptions.ConnectionBacklog = ListenBacklog;
        serverOptions.TlsEndpointOptions.ConnectionBacklog = ListenBacklog;
        _server = new MqttServerFactory().CreateMqttServer(serverOptions);
        _server.ValidatingConnectionAsync += OnValidating;
        _server.ClientConnectedAsync += OnConnected;
        _server.ClientDisconnectedAsync += OnDisconnected;
        _server.InterceptingPublishAsync += OnPublish;
        _server.InterceptingSubscriptionAsync += OnSubscribe;
        _server.InterceptingClientEnqueueAsync += OnEnqueue;
        _server.ClientUnsubscribedTopicAsync += args => { Router.Unsubscribed(args.SessionItems, args.TopicFilter); return Task.CompletedTask; };
        _server.SessionDeletedAsync += args => { Router.SessionDeleted(args.SessionItems); return Task.CompletedTask; };
    }

    public GrantRules Rules { get; }

    public FrameIngest Ingest { get; }

    public DeviceTopicRouter Router { get; }

    /// <summary>Live connections (what <see cref="BrokerLimits.MaxConnections"/> bounds).</summary>
    public int ConnectionCount => _connections.Count;

    public async Task StartAsync()
    {
        JudgingThreads.Reserve();
        await _server.StartAsync();
        _publisher = Task.Run(PublishDecisionsAsync);
        _logger.LogInformation("embedded broker on mqtt://{Listen}:{Port}{Tls}", _options.Listen, _options.Port,
            _options.TlsCertificate != null && _options.TlsPort > 0 ? $" and mqtts://{_options.Listen}:{_options.TlsPort}" : "");
    }

    public void Publish(ulong deviceId, byte[] decisionFrame)
    {
        Interlocked.Increment(ref _pendingDecisions);
        if (!_decisions.Writer.TryWrite((deviceId, decisionFrame, Stopwatch.GetTimestamp()))) Interlocked.Decrement(ref _pendingDecisions);
    }

    /// <summary>Waits until every Decision queued so far is retained and delivered (tests, orderly stop).</summary>
    public async Task FlushDecisionsAsync()
    {
        while (Interlocked.Read(ref _pendingDecisions) > 0) await Task.Delay(5);
    }

    private async Task PublishDecisionsAsync()
    {
        await foreach (var (deviceId, frame, queued) in _decisions.Reader.ReadAllAsync())
        {
            try
            {
                Router.PublishDecision(deviceId, frame, VerifierClientId);
                _metrics.DecisionPublishDelay.Observe(Stopwatch.GetElapsedTime(queued));
            }
            finally
            {
                Interlocked.Decrement(ref _pendingDecisions);
            }
        }
    }

    private Task OnValidating(ValidatingConnectionEventArgs args)
    {
        if (_connections.Count >= _options.Limits.MaxConnections)
        {
            // Checked before credentials: a full broker spends nothing more on the newcomer.
            args.ReasonCode = MqttConnectReasonCode.QuotaExceeded;
            _metrics.Refused(Refusal.ConnectionLimit);
            _logger.LogWarning("refused connection from {Endpoint}: {Count} connections is the limit", args.RemoteEndPoint, _options.Limits.MaxConnections);
            return Task.CompletedTask;
        }
        var role = ConnectionRole.Device;
        if (args.UserName == ControllerUserName)
        {
            if (_options.ControllerPassword == null || !PasswordMatches(args.Password, _options.ControllerPassword))
            {
                args.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
                _logger.LogWarning("refused controller login from {Endpoint}", args.RemoteEndPoint);
                return Task.CompletedTask;
            }
            role = ConnectionRole.Controller;
        }
        var certificate = _options.ClientTrust != null && args.IsSecureConnection && args.ClientCertificate is { } presented
            ? _options.ClientTrust.Evaluate(presented) : null;
        _connections.Validated(args.RemoteEndPoint.ToString()!, args.IsSecureConnection ? PathMode.Confidential : PathMode.Open, role, certificate);
        return Task.CompletedTask;
    }

    private Task OnConnected(ClientConnectedEventArgs args)
    {
        var connection = _connections.Connected(args.ClientId, args.RemoteEndPoint.ToString()!, args.SessionItems);
        Router.Connected(args.ClientId, args.SessionItems);
        _logger.LogInformation("connected {Connection} {Role} {Path} from {Endpoint}{Certificate}", connection, connection.Role, connection.Path, connection.Endpoint,
            connection.Certificate is { } c ? $" with certificate {c.Subject} (issuer {c.Issuer}, serial {c.SerialNumberHex})" : "");
        return Task.CompletedTask;
    }

    private Task OnDisconnected(ClientDisconnectedEventArgs args)
    {
        var connection = _connections.Disconnected(args.ClientId, args.SessionItems);
        if (connection != null)
        {
            Rules.Owners.ReleaseAll(connection);
            _logger.LogInformation("disconnected {Connection} ({Type})", connection, args.DisconnectType);
        }
        return Task.CompletedTask;
    }

    private Task OnPublish(InterceptingPublishEventArgs args)
    {
        var connection = ConnectionRegistry.From(args.SessionItems);
        var message = args.ApplicationMessage;
        Refusal refusal;
        // Classified once, and only past the limits: a flood costs no more than its refusal.
        TopicKind kind = TopicKind.Unknown;
        ulong deviceId = 0;
        if (connection == null)
        {
            refusal = Refusal.NotOwner;
        }
        else if (OverLimit(connection, message) is var limit && limit != Refusal.None)
        {
            // Before the verifier: a flood must cost neither a judgement nor a ledger write.
            refusal = limit;
        }
        else if ((kind = Topics.Classify(message.Topic, out deviceId)) == TopicKind.Observation)
        {
            // Obs frames are never retained: a retained copy would show a reveal to later subscribers.
            message.Retain = false;
            try
            {
                var judgement = Ingest.Judge(message.Topic, message.Payload.ToArray(), connection.Label, connection.Path, connection.Certificate);
                refusal = Rules.ForwardObservation(connection, deviceId, judgement);
                if (refusal == Refusal.None)
                {
                    // Forwarded to nobody: the verifier has judged it inline and no subscription can reach an obs
                    // topic (CheckSubscribe refuses them all, DESIGN.md "Only the verifier may subscribe to obs
                    // topics"). Letting MQTTnet dispatch it anyway walks every session's subscriptions per frame,
                    // which with 10,000 boards cost more than the judgement (docs/PERFORMANCE.md "Fleet load").
                    // The PUBACK says what a dispatch to no subscriber would have said.
                    args.ProcessPublish = false;
                    args.Response.ReasonCode = MqttPubAckReasonCode.NoMatchingSubscribers;
                    return Task.CompletedTask;
                }
            }
            catch (IOException exception)
            {
                // The ledger did not take the frame (LedgerWriteException: full, read-only, I/O): nothing
                // acknowledged may be lost, so no PUBACK at all; closing makes the board resend it.
                _logger.LogError("ledger unavailable, frame from {Connection} not acknowledged: {Error}", connection, exception.Message);
                _metrics.Refused(Refusal.LedgerUnavailable);
                args.ProcessPublish = false;
                args.CloseConnection = true;
                return Task.CompletedTask;
            }
        }
        else
        {
            refusal = Rules.CheckPublish(connection, message.Topic, message.Retain);
            if (refusal == Refusal.None && message.Retain) refusal = CountRetained(message);
            if (refusal == Refusal.None && kind == TopicKind.Application)
            {
                // Delivered by the router, to this device's subscribers and the wide ones, each checked by
                // GrantRules.CheckDelivery; MQTTnet would match it against every session (DeviceTopicRouter).
                args.ProcessPublish = false;
                args.Response.ReasonCode = Router.PublishApplication(deviceId, message, args.ClientId) > 0
                    ? MqttPubAckReasonCode.Success : MqttPubAckReasonCode.NoMatchingSubscribers;
                return Task.CompletedTask;
            }
        }
        if (refusal != Refusal.None)
        {
            args.ProcessPublish = false;
            args.Response.ReasonCode = refusal switch
            {
                Refusal.VerifierRefused => MqttPubAckReasonCode.PayloadFormatInvalid,
                Refusal.PayloadTooLarge or Refusal.RateExceeded or Refusal.RetainedLimit => MqttPubAckReasonCode.QuotaExceeded,
                _ => MqttPubAckReasonCode.NotAuthorized,
            };
            args.Response.ReasonString = refusal.ToString();
            _metrics.Refused(refusal);
            _logger.LogDebug("dropped publish on {Topic} from {Connection}: {Refusal}", message.Topic, connection, refusal);
        }
        return Task.CompletedTask;
    }

    /// <summary>Size first (no token spent on a packet that is refused anyway), then the rate budget.
    /// The authenticated controller is exempt from the rate: it speaks for every device at once.</summary>
    private Refusal OverLimit(BrokerConnection connection, MqttApplicationMessage message)
    {
        if (message.Payload.Length > _options.Limits.MaxPayloadBytes) return Refusal.PayloadTooLarge;
        if (connection.Role == ConnectionRole.Controller) return Refusal.None;
        return connection.Budget.TryTake(_options.Limits, Environment.TickCount64) ? Refusal.None : Refusal.RateExceeded;
    }

    /// <summary>A retained publish that GrantRules allowed (so outside aq/): an empty payload clears its topic (MQTT
    /// 3.1.1 3.3.1.3); a new topic beyond the limit is refused, an existing one may be replaced.</summary>
    private Refusal CountRetained(MqttApplicationMessage message)
    {
        lock (_retainedTopics)
        {
            if (message.Payload.IsEmpty) _retainedTopics.Remove(message.Topic);
            else if (!_retainedTopics.Contains(message.Topic) && _retainedTopics.Count >= _options.Limits.MaxRetainedTopics) return Refusal.RetainedLimit;
            else _retainedTopics.Add(message.Topic);
            return Refusal.None;
        }
    }

    private Task OnSubscribe(InterceptingSubscriptionEventArgs args)
    {
        var connection = ConnectionRegistry.From(args.SessionItems);
        var refusal = connection == null ? Refusal.ObservationSubscribeForbidden : Rules.CheckSubscribe(connection, args.TopicFilter.Topic);
        if (refusal != Refusal.None)
        {
            args.ProcessSubscription = false;
            args.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
            args.Response.ReasonString = refusal.ToString();
            _metrics.Refused(refusal);
            // Counted in /metrics (aqnano_broker_refusals_total); a line each only at Debug, since a client can
            // send refused SUBSCRIBEs as fast as it likes and an overloaded fleet does (docs/PERFORMANCE.md run L).
            _logger.LogDebug("refused subscription {Filter} from {Connection}: {Refusal}", args.TopicFilter.Topic, connection, refusal);
            return Task.CompletedTask;
        }
        Router.Subscribed(args.ClientId, args.SessionItems, args.Session, args.TopicFilter);
        return Task.CompletedTask;
    }

    /// <summary>MQTTnet's own deliveries: topics outside aq/v1/dev/ (the router delivers those inside).</summary>
    private Task OnEnqueue(InterceptingClientApplicationMessageEnqueueEventArgs args)
    {
        var receiver = _connections.ByClientId(args.ReceiverClientId);
        var refusal = receiver == null ? Refusal.NotOwner : Rules.CheckDelivery(receiver, args.ApplicationMessage.Topic);
        if (refusal != Refusal.None)
        {
            args.AcceptEnqueue = false;
            _metrics.Refused(refusal);
        }
        return Task.CompletedTask;
    }

    private static bool PasswordMatches(string? given, string expected) =>
        given != null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    public async ValueTask DisposeAsync()
    {
        _decisions.Writer.TryComplete();
        if (_publisher != null) await _publisher;
        await _server.StopAsync();
        _server.Dispose();
    }
}
