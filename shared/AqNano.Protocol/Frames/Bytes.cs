namespace AqNano.Protocol.Frames
{
    /// <summary>Small byte helpers the codecs share.</summary>
    internal static class Bytes
    {
        public static bool IsAllZero(byte[] buffer, int offset, int length)
        {
            int any = 0;
            for (int i = 0; i < length; i++) any |= buffer[offset + i];
            return any == 0;
        }

        /// <summary>Reads reveal, commit and tag (3 x 32 bytes) starting at <paramref name="offset"/>.</summary>
        public static void ReadLink(byte[] buffer, int offset, Frame frame)
        {
            System.Array.Copy(buffer, offset, frame.Reveal, 0, FrameLayout.DigestSize);
            System.Array.Copy(buffer, offset + FrameLayout.DigestSize, frame.Commit, 0, FrameLayout.DigestSize);
            System.Array.Copy(buffer, offset + 2 * FrameLayout.DigestSize, frame.Tag, 0, FrameLayout.DigestSize);
        }

        public static void WriteLink(Frame frame, byte[] buffer, int offset)
        {
            System.Array.Copy(frame.Reveal, 0, buffer, offset, FrameLayout.DigestSize);
            System.Array.Copy(frame.Commit, 0, buffer, offset + FrameLayout.DigestSize, FrameLayout.DigestSize);
            System.Array.Copy(frame.Tag, 0, buffer, offset + 2 * FrameLayout.DigestSize, FrameLayout.DigestSize);
        }
    }
}
