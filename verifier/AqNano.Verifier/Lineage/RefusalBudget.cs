namespace AqNano.Verifier.Lineage;

/// <summary>Refused input is recorded in full up to a budget per source (connection label) and only counted
/// beyond it (DESIGN.md "Lineage": nobody can fill the disk). The count itself is written at powers of two
/// and on the timer, so its records stay logarithmic. At most <see cref="MaxSources"/> labels are tracked;
/// further ones share one overflow counter.</summary>
public sealed class RefusalBudget(int budgetPerSource)
{
    public const int MaxSources = 10_000;
    public const string OverflowSource = "*";
    private readonly Dictionary<string, Counter> _sources = new();

    private sealed class Counter { public long Recorded; public long Suppressed; public long SuppressedWritten; }

    /// <summary>True when this refusal is recorded in full; otherwise <paramref name="suppressed"/> is the source's
    /// new suppressed count and <paramref name="writeCount"/> says whether to write a "refusal-count" now.</summary>
    public bool TryRecord(string source, out long suppressed, out bool writeCount)
    {
        lock (_sources)
        {
            Counter counter = CounterOf(source);
            if (counter.Recorded < budgetPerSource)
            {
                counter.Recorded++;
                suppressed = 0; writeCount = false;
                return true;
            }
            suppressed = ++counter.Suppressed;
            writeCount = (suppressed & (suppressed - 1)) == 0;
            if (writeCount) counter.SuppressedWritten = suppressed;
            return false;
        }
    }

    /// <summary>Sources whose suppressed count grew since it was last written (for the timer).</summary>
    public List<(string Source, long Suppressed)> TakeUnwrittenCounts()
    {
        lock (_sources)
        {
            var result = new List<(string, long)>();
            foreach ((string source, Counter counter) in _sources)
            {
                if (counter.Suppressed == counter.SuppressedWritten) continue;
                counter.SuppressedWritten = counter.Suppressed;
                result.Add((source, counter.Suppressed));
            }
            result.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
            return result;
        }
    }

    private Counter CounterOf(string source)
    {
        if (_sources.TryGetValue(source, out Counter? counter)) return counter;
        if (_sources.Count >= MaxSources) source = OverflowSource;
        if (!_sources.TryGetValue(source, out counter)) _sources[source] = counter = new Counter();
        return counter;
    }
}
