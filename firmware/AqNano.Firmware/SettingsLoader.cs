using System;
using System.IO;
using AqNano.Firmware.Core.Agent;
using AqNano.Firmware.Core.Ports;

namespace AqNano.Firmware
{
    /// <summary>Reads the deploy-time settings file (firmware/README.md "Settings"), put on the
    /// board's storage with `nanoff --filedeployment`, and the broker CA it names. Uses FileStream
    /// (nanoframework/System.IO.FileSystem, File.cs / FileStream.cs): File has no ReadAllText there.
    /// Missing or bad files leave the safe defaults and say so on the status output.</summary>
    internal static class SettingsLoader
    {
        private const int MaxFileBytes = 8192;

        public static DeviceSettings Load(string path, IStatusOutput status)
        {
            DeviceSettings settings = new DeviceSettings();
            string text = TryReadAscii(path);
            if (text == null)
            {
                status.Report("no settings file " + path + ": safe defaults, no broker, nothing is sent. Deploy aqnano.conf with nanoff --filedeployment (firmware/README.md).");
                return settings;
            }
            string problem = DeviceSettingsParser.Apply(text, settings);
            if (problem != null) status.Report(problem + " (the other lines were applied)");
            if (settings.UseTls)
            {
                string pem = settings.BrokerCaCertificateFile.Length > 0 ? TryReadAscii(settings.BrokerCaCertificateFile) : null;
                if (pem == null)
                {
                    status.Report("broker.tls = true but no readable broker.caFile: will not connect without a pinned broker CA");
                    settings.BrokerHost = "";
                }
                else
                {
                    settings.BrokerCaCertificatePem = pem;
                }
            }
            if (settings.BrokerHost.Length == 0) status.Report("broker.host is empty: the device gathers entropy but cannot send frames");
            return settings;
        }

        /// <summary>The file's bytes as ASCII text (settings are ASCII), or null when absent or unreadable.</summary>
        private static string TryReadAscii(string path)
        {
            try
            {
                if (!File.Exists(path)) return null;
                using (FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read))
                {
                    int length = (int)(stream.Length < MaxFileBytes ? stream.Length : MaxFileBytes);
                    byte[] bytes = new byte[length];
                    int read = 0;
                    while (read < length)
                    {
                        int got = stream.Read(bytes, read, length - read);
                        if (got <= 0) break;
                        read += got;
                    }
                    char[] chars = new char[read];
                    for (int i = 0; i < read; i++) chars[i] = bytes[i] < 0x80 ? (char)bytes[i] : '?';
                    return new string(chars);
                }
            }
            catch (Exception)
            {
                return null;
            }
        }
    }
}
