namespace AqNano.Firmware.Core.Ports
{
    /// <summary>A local broadcast radio for witness beacons (ESP-NOW on ESP32 where nanoFramework
    /// serves it): a device broadcasts (deviceId, epoch, seq, frameDigest) of each frame it sends,
    /// never the frame or its reveal; a gateway hears them (DESIGN.md "Witness beacons").</summary>
    public interface IBeaconRadio
    {
        bool IsAvailable { get; }

        void Broadcast(byte[] buffer, int offset, int length);

        /// <summary>Takes the oldest heard beacon into buffer[offset..], returns its length or -1;
        /// <paramref name="rssiDbm"/> is its signal strength.</summary>
        int Receive(byte[] buffer, int offset, out short rssiDbm);
    }
}
