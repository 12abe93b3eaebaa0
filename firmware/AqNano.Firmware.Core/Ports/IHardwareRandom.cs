namespace AqNano.Firmware.Core.Ports
{
    /// <summary>The chip's hardware random generator, where the platform exposes one
    /// (DESIGN.md "The chain": raw_n ends with 32 bytes of it).</summary>
    public interface IHardwareRandom
    {
        /// <summary>False where the target has no hardware generator reachable from managed code;
        /// then raw_n carries no random bytes and the entropy estimate rests on the other sources.</summary>
        bool IsAvailable { get; }

        /// <summary>Fills buffer[offset..+length] with hardware random bytes.</summary>
        void Fill(byte[] buffer, int offset, int length);
    }
}
