using AqNano.Firmware.Core.Ports;

namespace AqNano.Firmware.Core.Agent
{
    /// <summary>A gateway's ear (DESIGN.md "Witness beacons"): takes beacons off the radio, keeps
    /// those of registered subjects (all, when none are registered) in a bounded queue for Witness
    /// frames, and counts everything else. Allocation-free.</summary>
    public sealed class BeaconListener
    {
        private const int MaxBeaconsPerStep = 8;
        private const int Capacity = 8;
        private const int ReceiveCapacity = 64;

        private readonly IBeaconRadio _radio;
        private readonly ulong[] _registered;
        private readonly AgentCounters _counters;
        private readonly byte[] _receive = new byte[ReceiveCapacity];

        public BeaconListener(IBeaconRadio radio, ulong[] registeredSubjects, AgentCounters counters)
        {
            _radio = radio;
            _registered = registeredSubjects;
            _counters = counters;
            Heard = new HeardBeacons(Capacity);
        }

        public HeardBeacons Heard { get; private set; }

        /// <summary>Takes what the radio heard; <paramref name="ownDeviceId"/>'s own beacons are ignored.</summary>
        public void Listen(ulong ownDeviceId)
        {
            if (_radio == null || !_radio.IsAvailable) return;
            for (int i = 0; i < MaxBeaconsPerStep; i++)
            {
                short rssi;
                int length = _radio.Receive(_receive, 0, out rssi);
                if (length < 0) return;
                int slot = Heard.Reserve();
                ulong subject;
                ulong epoch;
                uint seq;
                if (slot < 0 || length > _receive.Length
                    || !BeaconCodec.TryRead(_receive, 0, length, out subject, out epoch, out seq, Heard.Digest(slot), 0)
                    || subject == ownDeviceId || !IsRegistered(subject))
                {
                    _counters.BeaconsIgnored++;
                    continue;
                }
                Heard.Commit(slot, subject, epoch, seq, rssi);
                _counters.BeaconsHeard++;
            }
        }

        private bool IsRegistered(ulong subject)
        {
            if (_registered == null || _registered.Length == 0) return true;
            for (int i = 0; i < _registered.Length; i++) if (_registered[i] == subject) return true;
            return false;
        }
    }
}
