namespace AqNano.Protocol.Frames
{
    // Witness body (DESIGN.md "Witness body"), 184 bytes in all. The header is the
    // witness's own; the frame continues the witness's own chain on its own obs topic.
    //
    //  32            40            48      52              84    86 87 88       120      152      184
    //  +-------------+-------------+-------+---------------+-----+--+--+--------+--------+--------+
    //  | subjectId   | subjectEpoch| sSeq  | subjectDigest | rssi|pa|00| reveal | commit | tag    |
    //  +-------------+-------------+-------+---------------+-----+--+--+--------+--------+--------+
    //
    // rssi: int16 dBm, 0x8000 when not a radio. path: 1 radio, 2 wired (0 invalid: a relay
    // proves nothing). Byte 87 reserved, 0.
    internal static class WitnessBodyCodec
    {
        public static FrameRejection Check(byte[] buffer, int offset, int length)
        {
            if (length != FrameLayout.WitnessSize) return FrameRejection.LengthMismatch;
            byte path = buffer[offset + FrameLayout.PathOffset];
            if (path < (byte)WitnessPath.Radio || path > (byte)WitnessPath.Wired) return FrameRejection.WitnessPathOutOfRange;
            if (buffer[offset + FrameLayout.WitnessReservedOffset] != 0) return FrameRejection.WitnessReservedByte;
            return HeaderCodec.CheckLinkOrder(buffer, offset, FrameLayout.WitnessRevealOffset);
        }

        public static void Read(byte[] buffer, int offset, Frame frame)
        {
            frame.SubjectDeviceId = LittleEndian.ReadUInt64(buffer, offset + FrameLayout.SubjectDeviceIdOffset);
            frame.SubjectEpoch = LittleEndian.ReadUInt64(buffer, offset + FrameLayout.SubjectEpochOffset);
            frame.SubjectSeq = LittleEndian.ReadUInt32(buffer, offset + FrameLayout.SubjectSeqOffset);
            System.Array.Copy(buffer, offset + FrameLayout.SubjectDigestOffset, frame.SubjectFrameDigest, 0, FrameLayout.DigestSize);
            frame.Rssi = (short)LittleEndian.ReadUInt16(buffer, offset + FrameLayout.RssiOffset);
            frame.Path = (WitnessPath)buffer[offset + FrameLayout.PathOffset];
            Bytes.ReadLink(buffer, offset + FrameLayout.WitnessRevealOffset, frame);
        }

        public static void Write(Frame frame, byte[] buffer, int offset)
        {
            LittleEndian.WriteUInt64(buffer, offset + FrameLayout.SubjectDeviceIdOffset, frame.SubjectDeviceId);
            LittleEndian.WriteUInt64(buffer, offset + FrameLayout.SubjectEpochOffset, frame.SubjectEpoch);
            LittleEndian.WriteUInt32(buffer, offset + FrameLayout.SubjectSeqOffset, frame.SubjectSeq);
            System.Array.Copy(frame.SubjectFrameDigest, 0, buffer, offset + FrameLayout.SubjectDigestOffset, FrameLayout.DigestSize);
            LittleEndian.WriteUInt16(buffer, offset + FrameLayout.RssiOffset, (ushort)frame.Rssi);
            buffer[offset + FrameLayout.PathOffset] = (byte)frame.Path;
            buffer[offset + FrameLayout.WitnessReservedOffset] = 0;
            Bytes.WriteLink(frame, buffer, offset + FrameLayout.WitnessRevealOffset);
        }
    }
}
