using AqNano.Protocol.Chain;

namespace AqNano.Firmware.Core.Agent
{
    /// <summary>A gateway's queue of beacons heard and not yet witnessed: bounded, oldest first;
    /// when full, new beacons are dropped and counted by the caller.</summary>
    public sealed class HeardBeacons
    {
        private readonly ulong[] _deviceIds;
        private readonly ulong[] _epochs;
        private readonly uint[] _seqs;
        private readonly short[] _rssi;
        private readonly byte[][] _digests;
        private int _start;
        private int _count;

        public HeardBeacons(int capacity)
        {
            _deviceIds = new ulong[capacity];
            _epochs = new ulong[capacity];
            _seqs = new uint[capacity];
            _rssi = new short[capacity];
            _digests = new byte[capacity][];
            for (int i = 0; i < capacity; i++) _digests[i] = new byte[ChainMath.DigestSize];
        }

        public int Count { get { return _count; } }

        /// <summary>A slot to fill for a new beacon, or -1 when full.</summary>
        public int Reserve()
        {
            if (_count == _deviceIds.Length) return -1;
            return (_start + _count) % _deviceIds.Length;
        }

        public byte[] Digest(int slot) { return _digests[slot]; }

        public void Commit(int slot, ulong deviceId, ulong epoch, uint seq, short rssi)
        {
            _deviceIds[slot] = deviceId;
            _epochs[slot] = epoch;
            _seqs[slot] = seq;
            _rssi[slot] = rssi;
            _count++;
        }

        /// <summary>The oldest beacon's slot (valid while Count &gt; 0).</summary>
        public int Oldest { get { return _start; } }
        public ulong DeviceId(int slot) { return _deviceIds[slot]; }
        public ulong Epoch(int slot) { return _epochs[slot]; }
        public uint Seq(int slot) { return _seqs[slot]; }
        public short Rssi(int slot) { return _rssi[slot]; }

        public void RemoveOldest()
        {
            if (_count == 0) return;
            _start = (_start + 1) % _deviceIds.Length;
            _count--;
        }

        public void Clear()
        {
            _start = 0;
            _count = 0;
        }
    }
}
