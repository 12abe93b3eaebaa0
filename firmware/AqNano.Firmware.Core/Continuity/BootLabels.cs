namespace AqNano.Firmware.Core.Continuity
{
    /// <summary>Labels for values a boot draws from its fresh entropy besides the chain. They are
    /// the device's own business (no verifier recomputes them), kept apart from the chain's
    /// labels of DESIGN.md so that no chain value is ever reused for them.</summary>
    public static class BootLabels
    {
        /// <summary>epoch = first 8 bytes of K(mix_0, "AQ1/epoch"): the 64-bit nonce of DESIGN.md "Wire format v1".</summary>
        public static readonly byte[] Epoch = Ascii("AQ1/epoch");
        /// <summary>MQTT client id = "aq-" + hex of the first 8 bytes of K(mix_0, "AQ1/client"):
        /// fresh per boot, so that a client-id takeover can only drop a connection (DESIGN.md "Ownership").</summary>
        public static readonly byte[] ClientId = Ascii("AQ1/client");

        private static byte[] Ascii(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++) bytes[i] = (byte)text[i];
            return bytes;
        }
    }
}
