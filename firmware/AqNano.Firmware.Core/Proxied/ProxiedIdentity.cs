using AqNano.Protocol;
using AqNano.Protocol.Chain;

namespace AqNano.Firmware.Core.Proxied
{
    /// <summary>The device id of a plain device that a gateway carries a chain for (docs/ADOPTION.md "Gateway-mediated retrofit"
    /// "Identity"): first 8 bytes of K("AQ1/proxied", gatewayId || address), where gatewayId is the gateway's
    /// own device id in wire order and address is what names the device on its own bus (an MQTT topic's
    /// bytes, a Modbus unit id). Deterministic, so the same gateway watching the same address always gives
    /// the same id; domain-separated from "AQ1/id" (DESIGN.md "The chain") so that it never equals a
    /// chip-derived id, and bound to the gateway so that two gateways never claim one id.</summary>
    public static class ProxiedIdentity
    {
        public static readonly byte[] Label = Ascii("AQ1/proxied");

        /// <summary>Allocates its message buffer: called once per proxied device, never per event.</summary>
        public static ulong DeviceIdOf(IHmacSha256 hmac, ulong gatewayId, byte[] address, int offset, int length)
        {
            byte[] message = new byte[8 + length];
            LittleEndian.WriteUInt64(message, 0, gatewayId);
            System.Array.Copy(address, offset, message, 8, length);
            byte[] digest = new byte[ChainMath.DigestSize];
            hmac.Compute(Label, 0, Label.Length, message, 0, message.Length, digest, 0);
            return LittleEndian.ReadUInt64(digest, 0);
        }

        /// <summary>An address given as text (an MQTT topic), as its UTF-8 bytes (RFC 3629, surrogate pairs as
        /// 4 bytes); by hand, since nanoFramework's mscorlib has no Encoding.</summary>
        public static byte[] AddressBytes(string address)
        {
            int length = 0;
            for (int i = 0; i < address.Length; i++)
            {
                if (IsPair(address, i)) { length += 4; i++; }
                else length += Utf8Length(address[i]);
            }
            byte[] bytes = new byte[length];
            int at = 0;
            for (int i = 0; i < address.Length; i++)
            {
                char c = address[i];
                if (IsPair(address, i))
                {
                    int code = 0x10000 + ((c - 0xD800) << 10) + (address[i + 1] - 0xDC00);
                    bytes[at++] = (byte)(0xF0 | (code >> 18));
                    bytes[at++] = (byte)(0x80 | ((code >> 12) & 0x3F));
                    bytes[at++] = (byte)(0x80 | ((code >> 6) & 0x3F));
                    bytes[at++] = (byte)(0x80 | (code & 0x3F));
                    i++;
                    continue;
                }
                if (c < 0x80) { bytes[at++] = (byte)c; continue; }
                if (c < 0x800) { bytes[at++] = (byte)(0xC0 | (c >> 6)); bytes[at++] = (byte)(0x80 | (c & 0x3F)); continue; }
                bytes[at++] = (byte)(0xE0 | (c >> 12));
                bytes[at++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                bytes[at++] = (byte)(0x80 | (c & 0x3F));
            }
            return bytes;
        }

        private static bool IsPair(string text, int i)
        {
            return text[i] >= 0xD800 && text[i] <= 0xDBFF && i + 1 < text.Length && text[i + 1] >= 0xDC00 && text[i + 1] <= 0xDFFF;
        }

        private static int Utf8Length(char c)
        {
            return c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }

        private static byte[] Ascii(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++) bytes[i] = (byte)text[i];
            return bytes;
        }
    }
}
