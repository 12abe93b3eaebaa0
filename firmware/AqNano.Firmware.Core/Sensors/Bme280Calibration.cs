namespace AqNano.Firmware.Core.Sensors
{
    /// <summary>The BME280's trimming parameters (Bosch BST-BME280-DS002, section 4.2.2, table 16):
    /// read once at start-up from 0x88-0xA1 and 0xE1-0xE7.</summary>
    public sealed class Bme280Calibration
    {
        public ushort T1;
        public short T2;
        public short T3;
        public byte H1;
        public short H2;
        public byte H3;
        public short H4;
        public short H5;
        public sbyte H6;

        /// <summary>Decodes table 16 from the two register blocks (<paramref name="low"/> = 0x88.., 26 bytes;
        /// <paramref name="high"/> = 0xE1.., 7 bytes). H4 and H5 share 0xE5 (12-bit signed values).</summary>
        public void Decode(byte[] low, byte[] high)
        {
            T1 = (ushort)(low[0] | (low[1] << 8));
            T2 = (short)(low[2] | (low[3] << 8));
            T3 = (short)(low[4] | (low[5] << 8));
            H1 = low[25];
            H2 = (short)(high[0] | (high[1] << 8));
            H3 = high[2];
            H4 = (short)(((sbyte)high[3] << 4) | (high[4] & 0x0F));
            H5 = (short)(((sbyte)high[5] << 4) | (high[4] >> 4));
            H6 = (sbyte)high[6];
        }
    }
}
