using AqNano.Protocol;
using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;

namespace AqNano.Firmware.Core.Agent
{
    /// <summary>The device's reading of the verifier's Decisions (DESIGN.md "Delivery" and the
    /// Decision body): which of its frames are acknowledged, and the grant it must obey. A Decision
    /// is advisory to the device (the broker enforces it); the device only ever narrows itself.</summary>
    public sealed class DecisionTracker
    {
        public bool HasAck { get; private set; }
        public uint AckedSeq { get; private set; }
        public bool HasDecision { get; private set; }
        public DecisionMode Mode { get; private set; }
        /// <summary>Observe until a Decision grants more.</summary>
        public ushort GrantedScope { get; private set; }
        /// <summary>The seq whose acknowledged digest was not the device's (valid after Divergence).</summary>
        public uint DivergentSeq { get; private set; }

        public DecisionTracker()
        {
            Reset();
        }

        /// <summary>A new epoch: nothing acknowledged, Observe only.</summary>
        public void Reset()
        {
            HasAck = false;
            AckedSeq = 0;
            HasDecision = false;
            Mode = DecisionMode.Deferred;
            GrantedScope = Scopes.Observe;
        }

        public DecisionOutcome Apply(Frame decision, ulong deviceId, ulong epoch, uint lastSeq, SentFrameBuffer sent)
        {
            if (decision.DeviceId != deviceId) return DecisionOutcome.Foreign;
            if (decision.Epoch != epoch) return DecisionOutcome.OtherEpoch;
            uint ackSeq = decision.Seq;
            if (HasAck && ackSeq < AckedSeq) return DecisionOutcome.Stale;
            if (ackSeq > lastSeq)
            {
                Narrow(decision);
                DivergentSeq = ackSeq;
                return DecisionOutcome.Divergence;
            }
            int slot = sent.Find(ackSeq);
            if (slot >= 0 && !ConstantTime.Equal(sent.Digest(slot), 0, decision.AckFrameDigest, 0, ChainMath.DigestSize))
            {
                Narrow(decision);
                DivergentSeq = ackSeq;
                sent.MarkNeedsSend(slot);
                return DecisionOutcome.Divergence;
            }
            Grant(decision);
            if (ackSeq < lastSeq && sent.Find(ackSeq + 1) < 0) return DecisionOutcome.FramesGone;
            HasAck = true;
            AckedSeq = ackSeq;
            sent.DropBefore(ackSeq);
            if (ackSeq == lastSeq) return DecisionOutcome.Acknowledged;
            sent.MarkResendFrom(ackSeq + 1);
            return DecisionOutcome.Behind;
        }

        /// <summary>A Decision about someone else's frame may take privileges away, never add them:
        /// the device keeps only the scopes both grants allow, and a refusal.</summary>
        private void Narrow(Frame decision)
        {
            GrantedScope = (ushort)((GrantedScope & decision.GrantedScope) | Scopes.Observe);
            if (decision.Mode == DecisionMode.Refused)
            {
                Mode = DecisionMode.Refused;
                HasDecision = true;
            }
        }

        private void Grant(Frame decision)
        {
            HasDecision = true;
            Mode = decision.Mode;
            GrantedScope = (ushort)(decision.GrantedScope | Scopes.Observe);
        }

        public void CopyFrom(DecisionTracker other)
        {
            HasAck = other.HasAck;
            AckedSeq = other.AckedSeq;
            HasDecision = other.HasDecision;
            Mode = other.Mode;
            GrantedScope = other.GrantedScope;
            DivergentSeq = other.DivergentSeq;
        }
    }
}
