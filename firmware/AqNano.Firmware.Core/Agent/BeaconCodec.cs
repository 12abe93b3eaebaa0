using AqNano.Protocol;
using AqNano.Protocol.Chain;

namespace AqNano.Firmware.Core.Agent
{
    /// <summary>The witness beacon a device broadcasts for each frame it sends (DESIGN.md "Witness
    /// beacons"): never the frame or its reveal, only what a gateway reports in a Witness frame.
    ///
    ///   off size field
    ///   0   2    magic 0x41 0x42 ("AB")
    ///   2   1    version 1
    ///   3   8    deviceId   11 8 epoch   19 4 seq   (little-endian)
    ///   23  32   frameDigest                                   (55 bytes)
    /// </summary>
    public static class BeaconCodec
    {
        public const int Size = 55;
        private const byte Magic0 = 0x41;
        private const byte Magic1 = 0x42;
        private const byte Version = 1;

        public static int Write(byte[] buffer, int offset, ulong deviceId, ulong epoch, uint seq, byte[] digest, int digestOffset)
        {
            buffer[offset] = Magic0;
            buffer[offset + 1] = Magic1;
            buffer[offset + 2] = Version;
            LittleEndian.WriteUInt64(buffer, offset + 3, deviceId);
            LittleEndian.WriteUInt64(buffer, offset + 11, epoch);
            LittleEndian.WriteUInt32(buffer, offset + 19, seq);
            System.Array.Copy(digest, digestOffset, buffer, offset + 23, ChainMath.DigestSize);
            return Size;
        }

        /// <summary>Reads a beacon of exactly <see cref="Size"/> bytes; false for anything else.</summary>
        public static bool TryRead(byte[] buffer, int offset, int length, out ulong deviceId, out ulong epoch, out uint seq,
                                   byte[] digest, int digestOffset)
        {
            deviceId = 0;
            epoch = 0;
            seq = 0;
            if (length != Size || buffer[offset] != Magic0 || buffer[offset + 1] != Magic1 || buffer[offset + 2] != Version)
            {
                return false;
            }
            deviceId = LittleEndian.ReadUInt64(buffer, offset + 3);
            epoch = LittleEndian.ReadUInt64(buffer, offset + 11);
            seq = LittleEndian.ReadUInt32(buffer, offset + 19);
            System.Array.Copy(buffer, offset + 23, digest, digestOffset, ChainMath.DigestSize);
            return true;
        }
    }
}
