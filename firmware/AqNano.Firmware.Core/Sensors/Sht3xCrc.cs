namespace AqNano.Firmware.Core.Sensors
{
    /// <summary>SHT3x-DIS datasheet section 4.12, table 20: CRC-8 over each 2-byte word, polynomial
    /// 0x31 (x^8 + x^5 + x^4 + 1), initialisation 0xFF, no reflection, no final XOR;
    /// the datasheet's example: CRC(0xBEEF) = 0x92.</summary>
    public static class Sht3xCrc
    {
        public static byte Compute(byte[] buffer, int offset)
        {
            int crc = 0xFF;
            for (int i = 0; i < 2; i++)
            {
                crc ^= buffer[offset + i];
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x31) : (crc << 1);
                    crc &= 0xFF;
                }
            }
            return (byte)crc;
        }
    }
}
