using System;
using System.Collections;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using AqNano.Firmware.Core.Ports;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace AqNano.Firmware.Adapters
{
    /// <summary>IUplink over nanoFramework.M2Mqtt (nanoframework/paho.mqtt.m2mqtt, M2Mqtt/MqttClient.cs):
    /// QoS 1 publishes that count only once the broker's PUBACK raised MqttMsgPublished with
    /// IsPublished; received messages queued from MqttMsgPublishReceived until Core polls; reconnect
    /// with a clean session that re-subscribes what Core asked for. TLS with the broker's CA pinned
    /// when the settings ask for the confidential path (DESIGN.md "What the chain proves").
    /// The decisions (what to resend, when) stay in Core: this only moves bytes.</summary>
    internal sealed class M2MqttUplink : IUplink
    {
        private const int PublishAcknowledgeTimeoutMs = 5000;
        private const int InboundCapacity = 16;
        private const int RememberedAcknowledgements = 16;
        private const ushort KeepAliveSeconds = 60;

        private readonly string _host;
        private readonly int _port;
        private readonly bool _tls;
        private readonly X509Certificate _caCertificate;
        private readonly object _sync = new object();
        private readonly Queue _inbound = new Queue();
        private readonly ArrayList _subscriptions = new ArrayList();
        private readonly ArrayList _acknowledged = new ArrayList();
        private readonly AutoResetEvent _acknowledgement = new AutoResetEvent(false);
        private readonly AutoResetEvent _messageArrived = new AutoResetEvent(false);
        private MqttClient _client;

        public M2MqttUplink(string host, int port, bool tls, string caCertificatePem)
        {
            _host = host;
            _port = port;
            _tls = tls;
            if (tls && caCertificatePem != null && caCertificatePem.Length > 0)
            {
                _caCertificate = new X509Certificate(caCertificatePem);
            }
        }

        /// <summary>Messages dropped because Core had not polled the queue in time (counted, not silent).</summary>
        public int InboundDropped { get; private set; }

        /// <summary>Signalled when a message arrives, so that the host loop can wake early.</summary>
        public WaitHandle MessageArrived { get { return _messageArrived; } }

        public bool IsConnected
        {
            get
            {
                MqttClient client = _client;
                return client != null && client.IsConnected;
            }
        }

        /// <summary>Connects with the boot's fresh client id (DESIGN.md "Ownership"); false when the
        /// broker is unreachable or refuses. Called by the host loop, with back-off, while disconnected.</summary>
        public bool TryConnect(string clientId)
        {
            try
            {
                MqttClient client = new MqttClient(_host, _port, _tls, _caCertificate, null,
                    _tls ? MqttSslProtocols.TLSv1_2 : MqttSslProtocols.None);
                client.MqttMsgPublishReceived += OnPublishReceived;
                client.MqttMsgPublished += OnPublished;
                MqttReasonCode code = client.Connect(clientId, null, null, false, MqttQoSLevel.AtMostOnce, false,
                    null, null, true, KeepAliveSeconds);
                if (code != MqttReasonCode.Success) return false;
                _client = client;
                for (int i = 0; i < _subscriptions.Count; i++) SubscribeNow((string)_subscriptions[i]);
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        public bool Publish(string topic, byte[] payload, int offset, int length, bool retain)
        {
            MqttClient client = _client;
            if (client == null || !client.IsConnected) return false;
            try
            {
                byte[] exact = Exact(payload, offset, length);
                ushort messageId = client.Publish(topic, exact, null, null, MqttQoSLevel.AtLeastOnce, retain);
                return WaitForAcknowledgement(messageId);
            }
            catch (Exception)
            {
                return false;
            }
        }

        public bool Subscribe(string topic)
        {
            lock (_sync)
            {
                if (!_subscriptions.Contains(topic)) _subscriptions.Add(topic);
            }
            return SubscribeNow(topic);
        }

        public int Receive(byte[] buffer, int offset, out string topic)
        {
            InboundMessage message;
            lock (_sync)
            {
                if (_inbound.Count == 0)
                {
                    topic = null;
                    return -1;
                }
                message = (InboundMessage)_inbound.Dequeue();
            }
            topic = message.Topic;
            int room = buffer.Length - offset;
            Array.Copy(message.Payload, 0, buffer, offset, message.Payload.Length < room ? message.Payload.Length : room);
            return message.Payload.Length;
        }

        private bool SubscribeNow(string topic)
        {
            MqttClient client = _client;
            if (client == null || !client.IsConnected) return false;
            try
            {
                client.Subscribe(new string[] { topic }, new MqttQoSLevel[] { MqttQoSLevel.AtLeastOnce });
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        /// <summary>The PUBACK may be reported before Publish returns the id, so acknowledged ids are
        /// remembered rather than awaited one at a time.</summary>
        private bool WaitForAcknowledgement(ushort messageId)
        {
            int waited = 0;
            while (true)
            {
                lock (_sync)
                {
                    int index = _acknowledged.IndexOf(messageId);
                    if (index >= 0)
                    {
                        _acknowledged.RemoveAt(index);
                        return true;
                    }
                }
                if (waited >= PublishAcknowledgeTimeoutMs || !IsConnected) return false;
                _acknowledgement.WaitOne(100, false);
                waited += 100;
            }
        }

        private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
        {
            if (!e.IsPublished) return;
            lock (_sync)
            {
                if (_acknowledged.Count == RememberedAcknowledgements) _acknowledged.RemoveAt(0);
                _acknowledged.Add(e.MessageId);
            }
            _acknowledgement.Set();
        }

        private void OnPublishReceived(object sender, MqttMsgPublishEventArgs e)
        {
            lock (_sync)
            {
                if (_inbound.Count >= InboundCapacity)
                {
                    InboundDropped++;
                    return;
                }
                _inbound.Enqueue(new InboundMessage(e.Topic, e.Message));
            }
            _messageArrived.Set();
        }

        /// <summary>M2Mqtt publishes whole arrays and may retry one from its inflight queue after we
        /// gave up waiting, so each publish gets its own copy (a frame every few seconds: cheap).</summary>
        private static byte[] Exact(byte[] payload, int offset, int length)
        {
            byte[] exact = new byte[length];
            Array.Copy(payload, offset, exact, 0, length);
            return exact;
        }
    }
}
