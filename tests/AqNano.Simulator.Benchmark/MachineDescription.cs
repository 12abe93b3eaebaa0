using System.Runtime.InteropServices;

namespace AqNano.Simulator.Benchmark;

/// <summary>The machine a figure was measured on, read from the machine itself.</summary>
public static class MachineDescription
{
    public static string Read()
    {
        string cpu = "unknown CPU";
        if (File.Exists("/proc/cpuinfo"))
        {
            string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (line != null) cpu = line[(line.IndexOf(':') + 1)..].Trim();
        }
        string os = File.Exists("/etc/debian_version") ? $"Debian {File.ReadAllText("/etc/debian_version").Trim()}" : RuntimeInformation.OSDescription;
        return $"{Environment.ProcessorCount} cores ({cpu}), {os}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.ProcessArchitecture}";
    }
}
