namespace AqNano.Verifier.App.Metrics;

/// <summary>A Prometheus-style cumulative histogram with fixed bucket bounds in seconds; lock-free adds.</summary>
public sealed class LatencyHistogram
{
    public static readonly double[] DefaultBoundsSeconds = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];
    private readonly double[] _bounds;
    private readonly long[] _counts;
    private long _count;
    private long _sumNanoseconds;

    public LatencyHistogram(double[]? boundsSeconds = null)
    {
        _bounds = boundsSeconds ?? DefaultBoundsSeconds;
        _counts = new long[_bounds.Length];
    }

    public void Observe(TimeSpan elapsed)
    {
        double seconds = elapsed.TotalSeconds;
        for (int i = 0; i < _bounds.Length; i++)
        {
            if (seconds <= _bounds[i]) Interlocked.Increment(ref _counts[i]);
        }
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sumNanoseconds, (long)(elapsed.Ticks * 100));
    }

    public long Count => Interlocked.Read(ref _count);

    public void WriteTo(TextWriter writer, string name, string help)
    {
        writer.WriteLine($"# HELP {name} {help}");
        writer.WriteLine($"# TYPE {name} histogram");
        for (int i = 0; i < _bounds.Length; i++)
        {
            writer.WriteLine(FormattableString.Invariant($"{name}_bucket{{le=\"{_bounds[i]}\"}} {Interlocked.Read(ref _counts[i])}"));
        }
        writer.WriteLine($"{name}_bucket{{le=\"+Inf\"}} {Count}");
        writer.WriteLine(FormattableString.Invariant($"{name}_sum {Interlocked.Read(ref _sumNanoseconds) / 1e9}"));
        writer.WriteLine($"{name}_count {Count}");
    }
}
