using System.Threading;
using AqNano.Boards;
using AqNano.Firmware.Adapters;
using AqNano.Firmware.Core.Agent;
using AqNano.Firmware.Core.Ports;
using AqNano.Protocol;

namespace AqNano.Firmware
{
    /// <summary>The board's main loop around the Core agent: join the network, keep the MQTT session
    /// up, and call Step when the agent has work (NextWakeUs) or a message arrived. The wait is an
    /// ordinary thread sleep with the radio on (ESP32 light sleep needs Wi-Fi stopped, Sleep.cs), so
    /// NotifySlept is never called here and no frame is flagged slowClock.</summary>
    internal sealed class DeviceHost
    {
        private const int NetworkTimeoutMs = 60000;
        private const int FirstReconnectDelayMs = 1000;
        private const int LongestReconnectDelayMs = 60000;
        private const int LongestWaitMs = 1000;

        private readonly BoardProfile _board;
        private readonly DeviceSettings _settings;
        private readonly IStatusOutput _status;
        private readonly M2MqttUplink _uplink;
        private readonly DeviceAgent _agent;
        private readonly IMicrosecondClock _clock;
        private int _reconnectDelayMs = FirstReconnectDelayMs;
        private long _nextConnectAttemptUs;

        public DeviceHost(BoardProfile board, DeviceSettings settings, IStatusOutput status)
        {
            _board = board;
            _settings = settings;
            _status = status;
            _uplink = new M2MqttUplink(settings.BrokerHost, settings.BrokerPort, settings.UseTls, settings.BrokerCaCertificatePem);
            DevicePorts ports = BoardPorts.Create(board, status, _uplink);
            _clock = ports.Clock;
            _agent = new DeviceAgent(settings, ports);
        }

        public void Run()
        {
            // Wi-Fi first: esp_random() is a true random source only while the RF subsystem runs
            // (ESP-IDF), and the boot's entropy passes read it.
            JoinNetwork();
            _agent.Boot();
            while (_agent.ClientId == null && _agent.Status == AgentStatus.GatheringEntropy)
            {
                _agent.Step();
                Thread.Sleep(_settings.EntropyPassIntervalMs);
            }
            _status.Report("device " + Hex.FromWire(_agent.DeviceId) + ", epoch " + Hex.FromWire(_agent.Epoch)
                + ", MQTT client " + _agent.ClientId + ", broker " + _settings.BrokerHost + ":" + _settings.BrokerPort.ToString());
            while (true)
            {
                EnsureConnected();
                _agent.Step();
                if (_agent.Status == AgentStatus.EntropyFailed)
                {
                    // The epoch is stopped (DESIGN.md "Entropy"); the reason is on the status output.
                    Thread.Sleep(LongestReconnectDelayMs);
                    continue;
                }
                WaitForWork();
            }
        }

        private void JoinNetwork()
        {
            bool joined;
            do
            {
#if AQNANO_ESP32
                joined = WifiNetwork.Join(_settings.WifiSsid, _settings.WifiPassword, _settings.UseTls, NetworkTimeoutMs);
#else
                joined = EthernetNetwork.Join(_settings.UseTls, NetworkTimeoutMs);
#endif
                if (!joined) _status.Report("network not joined yet: retrying (check wifi.ssid / wifi.password or the cable)");
            }
            while (!joined);
        }

        /// <summary>Reconnects with exponential back-off; the agent sees the uplink down meanwhile and
        /// pauses its chain (DESIGN.md "Delivery").</summary>
        private void EnsureConnected()
        {
            if (_uplink.IsConnected || _settings.BrokerHost.Length == 0 || _agent.ClientId == null) return;
            long now = (long)_clock.NowUs;
            if (now < _nextConnectAttemptUs) return;
            if (_uplink.TryConnect(_agent.ClientId))
            {
                _reconnectDelayMs = FirstReconnectDelayMs;
                return;
            }
            _nextConnectAttemptUs = now + (long)_reconnectDelayMs * 1000;
            _reconnectDelayMs = _reconnectDelayMs * 2 > LongestReconnectDelayMs ? LongestReconnectDelayMs : _reconnectDelayMs * 2;
        }

        private void WaitForWork()
        {
            ulong now = _clock.NowUs;
            ulong wake = _agent.NextWakeUs;
            if (wake <= now) return;
            ulong waitMs = (wake - now) / 1000;
            if (waitMs > LongestWaitMs) waitMs = LongestWaitMs;
            _uplink.MessageArrived.WaitOne((int)waitMs, false);
        }
    }
}
