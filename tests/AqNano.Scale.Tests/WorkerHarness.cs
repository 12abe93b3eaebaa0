using System.Collections.Concurrent;
using AqNano.Verifier;
using AqNano.Verifier.App.Ingest;
using AqNano.Verifier.App.Metrics;
using AqNano.Verifier.App.Workers;
using AqNano.Verifier.Policy;
using AqNano.Verifier.Postgres;
using Microsoft.Extensions.Logging.Abstractions;

namespace AqNano.Scale.Tests;

/// <summary>One worker in this process, as `serve --worker-id` composes it (leases, router, verifier over the
/// shared PostgreSQL store and ledger), minus the broker: the test hands it frames and steps its lease rounds.</summary>
public sealed class WorkerHarness : IAsyncDisposable
{
    private sealed class DecisionRecorder : IDecisionSink
    {
        public ConcurrentQueue<(ulong DeviceId, byte[] Frame)> Published { get; } = new();
        public void Publish(ulong deviceId, byte[] decisionFrame) => Published.Enqueue((deviceId, decisionFrame));
    }

    private readonly DecisionRecorder _decisions = new();

    public WorkerHarness(string connectionString, WorkerOptions options)
    {
        Options = options;
        Ledger = new PostgresPartitionedLedger(connectionString, options.PartitionCount);
        // As serve composes a worker: the ledger keeps the store, so records and state are one commit.
        Store = Ledger.KeepDeviceState();
        Leases = new PartitionLeases(connectionString, options.WorkerId, options.PartitionCount, options.LeaseTtl);
        Identities = new PostgresIdentityRate(connectionString);
        Verifier = new FleetVerifier(new VerifierPolicy(), Ledger, TimeProvider.System, Store, "test", options.PartitionCount) { NewIdentities = Identities };
        Metrics = new WorkerMetrics(options.WorkerId, options.PartitionCount);
        var ingest = new FrameIngest(Verifier, _decisions, new AppMetrics(), TimeProvider.System, NullLogger.Instance);
        Router = new PartitionRouter(Verifier, options, Metrics, PathMode.Open, TimeProvider.System, NullLogger.Instance) { Ingest = ingest };
        Worker = new PartitionWorker(Leases, Router, options, Metrics, NullLogger.Instance);
    }

    public static WorkerOptions Options8(string id) => new()
    {
        WorkerId = id, PartitionCount = 8, LeaseTtl = TimeSpan.FromSeconds(2), RenewEvery = TimeSpan.FromMilliseconds(500),
    };

    public WorkerOptions Options { get; }
    public PostgresPartitionedLedger Ledger { get; }
    public PostgresDeviceStateStore Store { get; }
    public PartitionLeases Leases { get; }
    public PostgresIdentityRate Identities { get; }
    public FleetVerifier Verifier { get; }
    public WorkerMetrics Metrics { get; }
    public PartitionRouter Router { get; }
    public PartitionWorker Worker { get; }
    public IReadOnlyCollection<(ulong DeviceId, byte[] Frame)> Decisions => _decisions.Published;

    public List<int> Held() => Router.Held();

    /// <summary>Steps lease rounds until the condition holds (or fails the test after a generous timeout).</summary>
    public async Task RoundsUntilAsync(Func<bool> condition, string what, int timeoutSeconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            Worker.RunRound();
            if (condition()) return;
            if (DateTime.UtcNow > deadline) Assert.Fail($"worker {Options.WorkerId}: {what} did not happen within {timeoutSeconds} s (holds {PartitionWorker.Ranges(Held())})");
            await Task.Delay(Options.RenewEvery / 2);
        }
    }

    /// <summary>Waits until every held partition has replayed its kept frames and judges new frames directly.</summary>
    public async Task ReplayedAsync(int timeoutSeconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (Held().Any(p => Router.StateOf(p) != PartitionState.Owned))
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"worker {Options.WorkerId}: replay did not finish within {timeoutSeconds} s");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Worker.DisposeAsync();
        Leases.Dispose();
        Identities.Dispose();
        Store.Dispose();
        Ledger.Dispose();
    }
}
