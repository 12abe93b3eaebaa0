namespace AqNano.Protocol.Frames
{
    // Genesis and Observation body (DESIGN.md "Genesis and Observation body"), k = number of
    // feature bits set, 134 + 4k bytes in all (166 with all eight features):
    //
    //  32   33   34        36        38             38+4k      70+4k      102+4k     134+4k
    //  +----+----+---------+---------+--------------+----------+----------+----------+
    //  |flag|rst |reqScope |featMask | k x int32    | reveal   | commit   | tag      |
    //  +----+----+---------+---------+--------------+----------+----------+----------+
    //
    // flags: bit0 slowClock, bit1 divergenceSeen, 0 in Genesis. rst (resetCause): 0-5 in
    // Genesis, 0 in Observation. Features in bit order, value x 1000. Genesis: seq 0 and
    // an all-zero reveal, and only there.
    internal static class ChainBodyCodec
    {
        public static FrameRejection Check(byte[] buffer, int offset, int length)
        {
            if (length < FrameLayout.FeaturesOffset) return FrameRejection.LengthMismatch;
            ushort featureMask = LittleEndian.ReadUInt16(buffer, offset + FrameLayout.FeatureMaskOffset);
            if ((featureMask & Features.ReservedMask) != 0) return FrameRejection.ReservedFeatureBits;
            if (length != FrameLayout.ChainFrameSize(featureMask)) return FrameRejection.LengthMismatch;

            bool genesis = buffer[offset + FrameLayout.KindOffset] == (byte)FrameKind.Genesis;
            byte flags = buffer[offset + FrameLayout.FlagsOffset];
            if ((flags & ~ObservationFlags.Defined) != 0) return FrameRejection.ReservedFlagBits;
            if (genesis && flags != 0) return FrameRejection.GenesisFlagsSet;

            byte resetCause = buffer[offset + FrameLayout.ResetCauseOffset];
            if (resetCause > (byte)ResetCause.DeepSleepWake) return FrameRejection.ResetCauseOutOfRange;
            if (!genesis && resetCause != 0) return FrameRejection.ResetCauseInObservation;

            ushort scope = LittleEndian.ReadUInt16(buffer, offset + FrameLayout.RequestedScopeOffset);
            if ((scope & Scopes.ReservedMask) != 0) return FrameRejection.ReservedScopeBits;

            return HeaderCodec.CheckLinkOrder(buffer, offset, FrameLayout.ChainRevealOffset(featureMask));
        }

        public static void Read(byte[] buffer, int offset, Frame frame)
        {
            frame.Flags = buffer[offset + FrameLayout.FlagsOffset];
            frame.ResetCause = (ResetCause)buffer[offset + FrameLayout.ResetCauseOffset];
            frame.RequestedScope = LittleEndian.ReadUInt16(buffer, offset + FrameLayout.RequestedScopeOffset);
            ushort mask = LittleEndian.ReadUInt16(buffer, offset + FrameLayout.FeatureMaskOffset);
            frame.FeatureMask = mask;
            int at = offset + FrameLayout.FeaturesOffset;
            for (int i = 0; i < Features.Count; i++)
            {
                if (Features.IsPresent(mask, i))
                {
                    frame.Features[i] = (int)LittleEndian.ReadUInt32(buffer, at);
                    at += 4;
                }
                else
                {
                    frame.Features[i] = 0;
                }
            }
            Bytes.ReadLink(buffer, at, frame);
        }

        public static void Write(Frame frame, byte[] buffer, int offset)
        {
            buffer[offset + FrameLayout.FlagsOffset] = frame.Flags;
            buffer[offset + FrameLayout.ResetCauseOffset] = (byte)frame.ResetCause;
            LittleEndian.WriteUInt16(buffer, offset + FrameLayout.RequestedScopeOffset, frame.RequestedScope);
            LittleEndian.WriteUInt16(buffer, offset + FrameLayout.FeatureMaskOffset, frame.FeatureMask);
            int at = offset + FrameLayout.FeaturesOffset;
            for (int i = 0; i < Features.Count; i++)
            {
                if (Features.IsPresent(frame.FeatureMask, i))
                {
                    LittleEndian.WriteUInt32(buffer, at, (uint)frame.Features[i]);
                    at += 4;
                }
            }
            Bytes.WriteLink(frame, buffer, at);
        }
    }
}
