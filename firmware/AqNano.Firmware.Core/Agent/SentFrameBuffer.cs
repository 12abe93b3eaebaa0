using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;

namespace AqNano.Firmware.Core.Agent
{
    /// <summary>The device's last frames, byte for byte, oldest first (DESIGN.md "Delivery"): kept
    /// until a Decision acknowledges a later seq or the bounded buffer needs the slot; each flagged
    /// while it still has to be (re)published. All slots are allocated once.</summary>
    public sealed class SentFrameBuffer
    {
        private readonly byte[][] _frames;
        private readonly byte[][] _digests;
        private readonly int[] _lengths;
        private readonly uint[] _seqs;
        private readonly bool[] _needsSend;
        private readonly bool[] _wasSent;
        private int _start;
        private int _count;

        public SentFrameBuffer(int capacity)
        {
            if (capacity < 1) capacity = 1;
            _frames = new byte[capacity][];
            _digests = new byte[capacity][];
            for (int i = 0; i < capacity; i++)
            {
                _frames[i] = new byte[FrameLayout.MaxFrameSize];
                _digests[i] = new byte[ChainMath.DigestSize];
            }
            _lengths = new int[capacity];
            _seqs = new uint[capacity];
            _needsSend = new bool[capacity];
            _wasSent = new bool[capacity];
        }

        public int Capacity { get { return _frames.Length; } }
        public int Count { get { return _count; } }

        /// <summary>The slot of the i-th kept frame, oldest first.</summary>
        public int SlotAt(int index) { return (_start + index) % _frames.Length; }

        public byte[] FrameBytes(int slot) { return _frames[slot]; }
        public byte[] Digest(int slot) { return _digests[slot]; }
        public int Length(int slot) { return _lengths[slot]; }
        public uint Seq(int slot) { return _seqs[slot]; }
        public bool NeedsSend(int slot) { return _needsSend[slot]; }
        /// <summary>True once the frame has been published at least once (a later publish is a resend).</summary>
        public bool WasSent(int slot) { return _wasSent[slot]; }
        public void MarkSent(int slot) { _needsSend[slot] = false; _wasSent[slot] = true; }
        public void MarkNeedsSend(int slot) { _needsSend[slot] = true; }

        public bool AnyNeedsSend
        {
            get
            {
                for (int i = 0; i < _count; i++) if (_needsSend[SlotAt(i)]) return true;
                return false;
            }
        }

        /// <summary>A slot for the next frame, dropping the oldest when full. The caller writes the
        /// frame and digest into it, then calls <see cref="Commit"/>.</summary>
        public int Reserve()
        {
            if (_count == _frames.Length)
            {
                _start = (_start + 1) % _frames.Length;
                _count--;
            }
            return (_start + _count) % _frames.Length;
        }

        public void Commit(int slot, uint seq, int length)
        {
            _seqs[slot] = seq;
            _lengths[slot] = length;
            _needsSend[slot] = true;
            _wasSent[slot] = false;
            _count++;
        }

        /// <summary>The slot holding <paramref name="seq"/>, or -1.</summary>
        public int Find(uint seq)
        {
            for (int i = 0; i < _count; i++)
            {
                int slot = SlotAt(i);
                if (_seqs[slot] == seq) return slot;
            }
            return -1;
        }

        /// <summary>Forgets frames older than <paramref name="seq"/>: a Decision acknowledged it.</summary>
        public void DropBefore(uint seq)
        {
            while (_count > 0 && _seqs[_start] < seq)
            {
                _start = (_start + 1) % _frames.Length;
                _count--;
            }
        }

        /// <summary>Flags every kept frame from <paramref name="seq"/> on for resending.</summary>
        public void MarkResendFrom(uint seq)
        {
            for (int i = 0; i < _count; i++)
            {
                int slot = SlotAt(i);
                if (_seqs[slot] >= seq) _needsSend[slot] = true;
            }
        }

        public void Clear()
        {
            _start = 0;
            _count = 0;
        }

        /// <summary>Copies another buffer's frames (as a RAM dump would); capacities may differ.</summary>
        public void CopyFrom(SentFrameBuffer other)
        {
            Clear();
            int skip = other._count > _frames.Length ? other._count - _frames.Length : 0;
            for (int i = skip; i < other._count; i++)
            {
                int from = other.SlotAt(i);
                int slot = Reserve();
                System.Array.Copy(other._frames[from], _frames[slot], other._lengths[from]);
                System.Array.Copy(other._digests[from], _digests[slot], ChainMath.DigestSize);
                Commit(slot, other._seqs[from], other._lengths[from]);
                _needsSend[slot] = other._needsSend[from];
                _wasSent[slot] = other._wasSent[from];
            }
        }
    }
}
