namespace AqNano.Protocol.Frames
{
    // Common header, 32 bytes, little-endian (DESIGN.md "Wire format v1"):
    //
    //  0      2  3  4                       12                      20          24                      32
    //  +--+--+--+--+-----------------------+-----------------------+-----------+-----------------------+
    //  |'A''Q'|v1|kd| deviceId (8)          | epoch (8)             | seq (4)   | uptimeUs (8)          |
    //  +--+--+--+--+-----------------------+-----------------------+-----------+-----------------------+
    //
    // kind: 1 Genesis, 2 Observation, 3 Witness, 4 Decision. In a Decision, uptimeUs is
    // the verifier's unix time in microseconds.
    internal static class HeaderCodec
    {
        public static FrameRejection Check(byte[] buffer, int offset, int length)
        {
            if (length < FrameLayout.HeaderSize) return FrameRejection.ShorterThanHeader;
            if (buffer[offset + FrameLayout.MagicOffset] != FrameLayout.Magic0 || buffer[offset + FrameLayout.MagicOffset + 1] != FrameLayout.Magic1)
            {
                return FrameRejection.BadMagic;
            }
            if (buffer[offset + FrameLayout.VersionOffset] != FrameLayout.Version) return FrameRejection.UnsupportedVersion;
            byte kind = buffer[offset + FrameLayout.KindOffset];
            if (kind < (byte)FrameKind.Genesis || kind > (byte)FrameKind.Decision) return FrameRejection.UnknownKind;
            return FrameRejection.None;
        }

        public static void Read(byte[] buffer, int offset, Frame frame)
        {
            frame.Kind = (FrameKind)buffer[offset + FrameLayout.KindOffset];
            frame.DeviceId = LittleEndian.ReadUInt64(buffer, offset + FrameLayout.DeviceIdOffset);
            frame.Epoch = LittleEndian.ReadUInt64(buffer, offset + FrameLayout.EpochOffset);
            frame.Seq = LittleEndian.ReadUInt32(buffer, offset + FrameLayout.SeqOffset);
            frame.UptimeUs = LittleEndian.ReadUInt64(buffer, offset + FrameLayout.UptimeOffset);
        }

        public static void Write(Frame frame, byte[] buffer, int offset)
        {
            buffer[offset + FrameLayout.MagicOffset] = FrameLayout.Magic0;
            buffer[offset + FrameLayout.MagicOffset + 1] = FrameLayout.Magic1;
            buffer[offset + FrameLayout.VersionOffset] = FrameLayout.Version;
            buffer[offset + FrameLayout.KindOffset] = (byte)frame.Kind;
            LittleEndian.WriteUInt64(buffer, offset + FrameLayout.DeviceIdOffset, frame.DeviceId);
            LittleEndian.WriteUInt64(buffer, offset + FrameLayout.EpochOffset, frame.Epoch);
            LittleEndian.WriteUInt32(buffer, offset + FrameLayout.SeqOffset, frame.Seq);
            LittleEndian.WriteUInt64(buffer, offset + FrameLayout.UptimeOffset, frame.UptimeUs);
        }

        /// <summary>Shared by every chain-link kind: seq 0 iff Genesis iff the reveal is all zero.</summary>
        public static FrameRejection CheckLinkOrder(byte[] buffer, int offset, int revealOffset)
        {
            bool genesis = buffer[offset + FrameLayout.KindOffset] == (byte)FrameKind.Genesis;
            uint seq = LittleEndian.ReadUInt32(buffer, offset + FrameLayout.SeqOffset);
            bool revealZero = Bytes.IsAllZero(buffer, offset + revealOffset, FrameLayout.DigestSize);
            if (genesis)
            {
                if (seq != 0) return FrameRejection.GenesisSeqNotZero;
                if (!revealZero) return FrameRejection.GenesisRevealNotZero;
            }
            else
            {
                if (seq == 0) return FrameRejection.LinkSeqZero;
                if (revealZero) return FrameRejection.LinkRevealZero;
            }
            return FrameRejection.None;
        }
    }
}
