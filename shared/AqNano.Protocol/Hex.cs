namespace AqNano.Protocol
{
    /// <summary>Lower-case hex. Device ids and epochs print as their eight wire bytes
    /// in order (DESIGN.md "Topics"), i.e. the little-endian bytes of the ulong.</summary>
    public static class Hex
    {
        private const string Digits = "0123456789abcdef";

        /// <summary>16 hex characters: the 8 little-endian wire bytes of an id or epoch.</summary>
        public static string FromWire(ulong value)
        {
            char[] text = new char[16];
            for (int i = 0; i < 8; i++)
            {
                int b = (int)(value >> (8 * i)) & 0xFF;
                text[2 * i] = Digits[b >> 4];
                text[2 * i + 1] = Digits[b & 0xF];
            }
            return new string(text);
        }

        public static string FromBytes(byte[] buffer, int offset, int length)
        {
            char[] text = new char[2 * length];
            for (int i = 0; i < length; i++)
            {
                int b = buffer[offset + i];
                text[2 * i] = Digits[b >> 4];
                text[2 * i + 1] = Digits[b & 0xF];
            }
            return new string(text);
        }

        /// <summary>Reads exactly 16 lower-case hex characters at <paramref name="offset"/>
        /// as the 8 wire bytes of an id or epoch. Upper case is refused so that one id has one topic.</summary>
        public static bool TryParseWire(string text, int offset, out ulong value)
        {
            value = 0;
            if (text == null || offset < 0 || offset > text.Length - 16)
            {
                return false;
            }
            ulong result = 0;
            for (int i = 0; i < 8; i++)
            {
                int high = Nibble(text[offset + 2 * i]);
                int low = Nibble(text[offset + 2 * i + 1]);
                if (high < 0 || low < 0)
                {
                    return false;
                }
                result |= (ulong)((high << 4) | low) << (8 * i);
            }
            value = result;
            return true;
        }

        private static int Nibble(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            return -1;
        }
    }
}
