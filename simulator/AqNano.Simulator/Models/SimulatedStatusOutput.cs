using AqNano.Firmware.Core.Ports;

namespace AqNano.Simulator.Models;

/// <summary>The serial console: keeps the last status and how many were reported, and tells the
/// fleet when the status changes (the CLI prints notable ones).</summary>
public sealed class SimulatedStatusOutput : IStatusOutput
{
    public string LastStatus { get; private set; } = "";

    public long ReportCount { get; private set; }

    public event Action<string>? Changed;

    public void Report(string status)
    {
        ReportCount++;
        if (ReferenceEquals(status, LastStatus) || status == LastStatus) return;
        LastStatus = status;
        Changed?.Invoke(status);
    }
}
