namespace AqNano.Protocol.Frames
{
    // Decision body (DESIGN.md "Decision body"), 68 bytes in all; verifier to device,
    // retained on aq/v1/dev/{id}/decision. The header's deviceId, epoch and seq are those
    // of the last frame accepted on the device's canonical chain; uptimeUs is the
    // verifier's unix time in microseconds. No tag: a Decision is advisory to the device
    // and enforced at the broker.
    //
    //  32   33   34           36                               68
    //  +----+----+------------+--------------------------------+
    //  |mode|rsn | grantScope | ackFrameDigest (32)            |
    //  +----+----+------------+--------------------------------+
    //
    // mode: 1 AdmitFull, 2 AdmitRestricted, 3 AdmitMonitored, 4 Deferred, 5 Refused.
    internal static class DecisionBodyCodec
    {
        public static FrameRejection Check(byte[] buffer, int offset, int length)
        {
            if (length != FrameLayout.DecisionSize) return FrameRejection.LengthMismatch;
            byte mode = buffer[offset + FrameLayout.ModeOffset];
            if (mode < (byte)DecisionMode.AdmitFull || mode > (byte)DecisionMode.Refused) return FrameRejection.DecisionModeOutOfRange;
            ushort scope = LittleEndian.ReadUInt16(buffer, offset + FrameLayout.GrantedScopeOffset);
            if ((scope & Scopes.ReservedMask) != 0) return FrameRejection.ReservedScopeBits;
            return FrameRejection.None;
        }

        public static void Read(byte[] buffer, int offset, Frame frame)
        {
            frame.Mode = (DecisionMode)buffer[offset + FrameLayout.ModeOffset];
            frame.Reason = buffer[offset + FrameLayout.ReasonOffset];
            frame.GrantedScope = LittleEndian.ReadUInt16(buffer, offset + FrameLayout.GrantedScopeOffset);
            System.Array.Copy(buffer, offset + FrameLayout.AckDigestOffset, frame.AckFrameDigest, 0, FrameLayout.DigestSize);
        }

        public static void Write(Frame frame, byte[] buffer, int offset)
        {
            buffer[offset + FrameLayout.ModeOffset] = (byte)frame.Mode;
            buffer[offset + FrameLayout.ReasonOffset] = frame.Reason;
            LittleEndian.WriteUInt16(buffer, offset + FrameLayout.GrantedScopeOffset, frame.GrantedScope);
            System.Array.Copy(frame.AckFrameDigest, 0, buffer, offset + FrameLayout.AckDigestOffset, FrameLayout.DigestSize);
        }
    }
}
