namespace AqNano.Firmware.Core.Agent
{
    /// <summary>Reads the deploy-time config file (firmware/README.md "Settings"): one
    /// <c>key = value</c> per line, <c>#</c> comments, unknown keys refused by name so that a typo is
    /// never silent. Keys absent keep their safe defaults. Runs once at boot; allocation is fine here.</summary>
    public static class DeviceSettingsParser
    {
        /// <summary>Applies every valid line to <paramref name="settings"/>; returns null when all lines
        /// were understood, else a message naming the first bad line (the good lines still apply).</summary>
        public static string Apply(string text, DeviceSettings settings)
        {
            string problem = null;
            int start = 0;
            int lineNumber = 0;
            while (text != null && start < text.Length)
            {
                int end = text.IndexOf('\n', start);
                if (end < 0) end = text.Length;
                string line = text.Substring(start, end - start).Trim();
                start = end + 1;
                lineNumber++;
                if (line.Length == 0 || line[0] == '#') continue;
                int equals = line.IndexOf('=');
                string error = equals <= 0
                    ? "expected key = value"
                    : ApplyOne(line.Substring(0, equals).Trim(), line.Substring(equals + 1).Trim(), settings);
                if (error != null && problem == null) problem = "settings line " + lineNumber.ToString() + ": " + error;
            }
            return problem;
        }

        private static string ApplyOne(string key, string value, DeviceSettings settings)
        {
            int number;
            switch (key)
            {
                case "wifi.ssid": settings.WifiSsid = value; return null;
                case "wifi.password": settings.WifiPassword = value; return null;
                case "broker.host": settings.BrokerHost = value; return null;
                case "broker.port":
                    if (!TryParseInt(value, 1, 65535, out number)) return "broker.port must be 1-65535";
                    settings.BrokerPort = number;
                    return null;
                case "broker.tls":
                    if (value != "true" && value != "false") return "broker.tls must be true or false";
                    settings.UseTls = value == "true";
                    return null;
                case "broker.caFile": settings.BrokerCaCertificateFile = value; return null;
                case "event.intervalMs":
                    if (!TryParseInt(value, 100, 86400000, out number)) return "event.intervalMs must be 100-86400000";
                    settings.EventIntervalMs = number;
                    return null;
                case "scope.requested":
                    if (!TryParseInt(value, 1, 0x1F, out number)) return "scope.requested must be a scope bitmask 1-31";
                    settings.RequestedScope = (ushort)number;
                    return null;
                case "role":
                    if (value == "device") settings.Role = DeviceRole.Device;
                    else if (value == "gateway") settings.Role = DeviceRole.Gateway;
                    else return "role must be device or gateway";
                    return null;
                default:
                    return "unknown key " + key;
            }
        }

        /// <summary>Decimal digits only, within bounds (nanoFramework's mscorlib has no int.TryParse).</summary>
        private static bool TryParseInt(string text, int min, int max, out int value)
        {
            value = 0;
            if (text.Length == 0 || text.Length > 9) return false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9') return false;
                value = value * 10 + (c - '0');
            }
            return value >= min && value <= max;
        }
    }
}
