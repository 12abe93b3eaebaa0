namespace AqNano.Verifier.Replay;

/// <summary>A clock that is wherever it is told to be: the capture's t during a replay, virtual time in tests.</summary>
public sealed class CaptureClock(long startUnixMs) : TimeProvider
{
    private long _nowUnixMs = startUnixMs;

    public long NowUnixMs => Interlocked.Read(ref _nowUnixMs);

    public void Set(long unixMs) => Interlocked.Exchange(ref _nowUnixMs, unixMs);

    public void Advance(long milliseconds) => Interlocked.Add(ref _nowUnixMs, milliseconds);

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(NowUnixMs);
}
