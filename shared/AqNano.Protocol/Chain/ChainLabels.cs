namespace AqNano.Protocol.Chain
{
    /// <summary>The domain-separation labels of DESIGN.md "The chain": ASCII bytes, no terminator.
    /// Built by hand because nanoFramework's mscorlib has no Encoding.</summary>
    public static class ChainLabels
    {
        public static readonly byte[] Mix = Ascii("AQ1/mix");
        public static readonly byte[] Seed = Ascii("AQ1/seed");
        public static readonly byte[] State = Ascii("AQ1/state");
        public static readonly byte[] Key = Ascii("AQ1/key");
        public static readonly byte[] Commit = Ascii("AQ1/commit");
        public static readonly byte[] Frame = Ascii("AQ1/frame");
        public static readonly byte[] Tag = Ascii("AQ1/tag");
        public static readonly byte[] Id = Ascii("AQ1/id");

        private static byte[] Ascii(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++) bytes[i] = (byte)text[i];
            return bytes;
        }
    }
}
