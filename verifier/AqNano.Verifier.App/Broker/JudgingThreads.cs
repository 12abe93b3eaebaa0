namespace AqNano.Verifier.App.Broker;

/// <summary>The broker judges each obs frame inline and blocks that publish's pool thread until the frame's
/// records and state are durable (DESIGN.md "Lineage": written before the broker acknowledges). Group commit
/// makes waiting callers share one fsync, so throughput grows with the number of callers that can wait at once;
/// the pool's default minimum (one thread per core) and its slow injection of more (starvation heuristic)
/// held that to a handful on 2 cores: 2,475 frames/s measured, against 6,815 with this reserve
/// (docs/PERFORMANCE-APP.md, runs 5-6).</summary>
public static class JudgingThreads
{
    /// <summary>Worker threads the pool creates on demand, without delay, before its heuristic takes over.</summary>
    public const int Reserved = 64;

    public static void Reserve()
    {
        ThreadPool.GetMinThreads(out int workers, out int completionPorts);
        if (workers < Reserved) ThreadPool.SetMinThreads(Reserved, completionPorts);
    }
}
