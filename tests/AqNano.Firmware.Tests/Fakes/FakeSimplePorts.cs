using AqNano.Firmware.Core.Ports;
using AqNano.Protocol.Frames;

namespace AqNano.Firmware.Tests.Fakes;

/// <summary>The small fixed-answer ports, side by side.</summary>
public sealed class FakeChipId(byte[] id) : IChipId
{
    public int Read(byte[] buffer, int offset)
    {
        Array.Copy(id, 0, buffer, offset, id.Length);
        return id.Length;
    }
}

public sealed class FakeResetCause(ResetCause cause) : IResetCauseSource
{
    public ResetCause Cause = cause;
    public ResetCause Read() => Cause;
}

public sealed class FakeMemory : IFreeMemory
{
    public int Bytes = 96_000;
    public int FreeBytes() => Bytes;
}

public sealed class FakeSensor : IEnvironmentSensor
{
    public int TemperatureMilliC = 21_500;
    public int HumidityMilliPercent = 45_250;
    public bool Answers = true;

    public bool TryRead(out int temperatureMilliC, out int humidityMilliPercent)
    {
        temperatureMilliC = TemperatureMilliC;
        humidityMilliPercent = HumidityMilliPercent;
        return Answers;
    }
}

public sealed class FakeStatus : IStatusOutput
{
    public string? Last;
    public int Reports;

    public void Report(string status)
    {
        Last = status;
        Reports++;
    }
}

public sealed class FakeActuator : IActuator
{
    public int Executed;
    public void Execute(byte[] payload, int offset, int length) => Executed++;
}
