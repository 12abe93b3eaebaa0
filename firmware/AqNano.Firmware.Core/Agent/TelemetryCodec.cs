using AqNano.Protocol;
using AqNano.Protocol.Frames;

namespace AqNano.Firmware.Core.Agent
{
    /// <summary>The device's telemetry message on aq/v1/dev/{id}/app/telemetry, sent only while
    /// Telemetry is granted: the features of its latest frame, little-endian.
    ///   0 4 seq   4 2 featureMask   6 4k the k present features (value x 1000)</summary>
    public static class TelemetryCodec
    {
        public const int MaxSize = 6 + 4 * Features.Count;

        public static int Write(byte[] buffer, uint seq, ushort featureMask, int[] features)
        {
            LittleEndian.WriteUInt32(buffer, 0, seq);
            LittleEndian.WriteUInt16(buffer, 4, featureMask);
            int offset = 6;
            for (int i = 0; i < Features.Count; i++)
            {
                if (!Features.IsPresent(featureMask, i)) continue;
                LittleEndian.WriteUInt32(buffer, offset, (uint)features[i]);
                offset += 4;
            }
            return offset;
        }
    }
}
