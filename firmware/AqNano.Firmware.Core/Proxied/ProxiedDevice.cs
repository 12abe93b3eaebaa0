using AqNano.Protocol;
using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;

namespace AqNano.Firmware.Core.Proxied
{
    /// <summary>The proxied-device role (docs/ADOPTION.md "Gateway-mediated retrofit"): one plain device behind a gateway. The
    /// gateway feeds it every message it receives from the device (<see cref="Observe"/>) and, on its own
    /// cadence, asks for the device's next chain frame (<see cref="TryMakeFrame"/>) with fresh entropy of
    /// its own; it publishes <see cref="FrameBytes"/> on <see cref="ObservationTopic"/> over its own
    /// connection and calls <see cref="MarkSent"/> once the broker acknowledged it. After construction,
    /// Observe and TryMakeFrame allocate nothing (the NanoGate and tests/AqNano.Firmware.Tests check it).</summary>
    public sealed class ProxiedDevice
    {
        private readonly ProxiedBehaviour _behaviour = new ProxiedBehaviour();
        private readonly ProxiedChain _chain;
        private readonly int[] _features = new int[Features.Count];

        /// <param name="address">What names the device on its own bus (<see cref="ProxiedIdentity"/>).</param>
        public ProxiedDevice(ChainMath math, ulong gatewayId, byte[] address, int addressOffset, int addressLength, ushort requestedScope)
        {
            GatewayId = gatewayId;
            DeviceId = ProxiedIdentity.DeviceIdOf(math.Hmac, gatewayId, address, addressOffset, addressLength);
            ObservationTopic = Topics.Observation(DeviceId);
            _chain = new ProxiedChain(math, DeviceId, requestedScope);
        }

        public ulong GatewayId { get; private set; }
        public ulong DeviceId { get; private set; }
        public string ObservationTopic { get; private set; }
        public ulong Epoch { get { return _chain.Epoch; } }
        public uint LastSeq { get { return _chain.LastSeq; } }
        public bool HasGenesis { get { return _chain.HasLinks; } }
        public int ObservationsInWindow { get { return _behaviour.Observations; } }
        public byte[] FrameBytes { get { return _chain.FrameBytes; } }
        public int FrameLength { get { return _chain.FrameLength; } }
        public bool HasUnsent { get { return _chain.HasUnsent; } }

        /// <summary>One message of the device as the gateway received it (see <see cref="ProxiedBehaviour.Observe"/>).</summary>
        public void Observe(ulong arrivalUs, int valueMilli, bool hasSignal, int signalDbm)
        {
            _behaviour.Observe(arrivalUs, valueMilli, hasSignal, signalDbm);
            _chain.AddArrival(arrivalUs, valueMilli, hasSignal ? signalDbm : 0);
        }

        /// <summary>The device's next frame from the current window's behaviour and 32 bytes of the gateway's
        /// own entropy; the window then restarts. False while the last frame is unsent (nothing is made).</summary>
        public bool TryMakeFrame(ulong uptimeUs, byte[] entropy, int entropyOffset, int entropyLength)
        {
            if (_chain.HasUnsent) return false;
            ushort mask = _behaviour.WriteFeatures(_features);
            if (!_chain.TryMakeFrame(uptimeUs, entropy, entropyOffset, entropyLength, mask, _features)) return false;
            _behaviour.ResetWindow();
            return true;
        }

        public void MarkSent()
        {
            _chain.MarkSent();
        }

        /// <summary>The gateway lost the chain (a reboot): the next frame is a new epoch's Genesis.</summary>
        public void Restart()
        {
            _behaviour.Forget();
            _chain.Restart();
        }
    }
}
