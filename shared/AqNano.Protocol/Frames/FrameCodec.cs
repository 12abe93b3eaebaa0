namespace AqNano.Protocol.Frames
{
    /// <summary>Wire format v1 in and out. Parsing is exact (DESIGN.md "A frame parses only
    /// if it is exact"): the first failed check comes back as a <see cref="FrameRejection"/>,
    /// no exception escapes on any input, and the target frame is untouched on refusal.</summary>
    public static class FrameCodec
    {
        /// <summary>Parses <paramref name="length"/> bytes at <paramref name="offset"/> into the caller's
        /// reusable <paramref name="frame"/>. On refusal <paramref name="frame"/> keeps its previous contents.</summary>
        public static bool TryParse(byte[] buffer, int offset, int length, Frame frame, out FrameRejection rejection)
        {
            rejection = Check(buffer, offset, length);
            if (rejection != FrameRejection.None || frame == null)
            {
                if (frame == null && rejection == FrameRejection.None) rejection = FrameRejection.BufferOutOfRange;
                return false;
            }
            HeaderCodec.Read(buffer, offset, frame);
            switch (frame.Kind)
            {
                case FrameKind.Genesis:
                case FrameKind.Observation:
                    ChainBodyCodec.Read(buffer, offset, frame);
                    break;
                case FrameKind.Witness:
                    WitnessBodyCodec.Read(buffer, offset, frame);
                    break;
                default:
                    DecisionBodyCodec.Read(buffer, offset, frame);
                    break;
            }
            return true;
        }

        /// <summary>Validates without decoding: the same checks, in the same order, as <see cref="TryParse"/>.</summary>
        public static FrameRejection Check(byte[] buffer, int offset, int length)
        {
            if (buffer == null || offset < 0 || length < 0 || offset > buffer.Length - length)
            {
                return FrameRejection.BufferOutOfRange;
            }
            FrameRejection header = HeaderCodec.Check(buffer, offset, length);
            if (header != FrameRejection.None) return header;
            switch ((FrameKind)buffer[offset + FrameLayout.KindOffset])
            {
                case FrameKind.Genesis:
                case FrameKind.Observation:
                    return ChainBodyCodec.Check(buffer, offset, length);
                case FrameKind.Witness:
                    return WitnessBodyCodec.Check(buffer, offset, length);
                default:
                    return DecisionBodyCodec.Check(buffer, offset, length);
            }
        }

        /// <summary>Encodes <paramref name="frame"/> at <paramref name="offset"/> and returns its length.
        /// Writes the fields as given (the tag too): sealing a chain frame is <c>ChainMath.Seal</c>'s job.
        /// Returns 0 and writes nothing when the kind is unknown or the buffer too short.</summary>
        public static int Write(Frame frame, byte[] buffer, int offset)
        {
            int length = frame == null ? 0 : frame.EncodedLength;
            if (length == 0 || buffer == null || offset < 0 || offset > buffer.Length - length)
            {
                return 0;
            }
            HeaderCodec.Write(frame, buffer, offset);
            switch (frame.Kind)
            {
                case FrameKind.Genesis:
                case FrameKind.Observation:
                    ChainBodyCodec.Write(frame, buffer, offset);
                    break;
                case FrameKind.Witness:
                    WitnessBodyCodec.Write(frame, buffer, offset);
                    break;
                default:
                    DecisionBodyCodec.Write(frame, buffer, offset);
                    break;
            }
            return length;
        }
    }
}
