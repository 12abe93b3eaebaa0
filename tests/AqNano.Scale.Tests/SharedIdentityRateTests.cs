using AqNano.Lineage.Tests;
using AqNano.Protocol;
using AqNano.Verifier;
using AqNano.Verifier.App.Hosting;
using AqNano.Verifier.App.Tests.Support;
using AqNano.Verifier.Policy;

namespace AqNano.Scale.Tests;

/// <summary>The Sybil guard across verifiers sharing one PostgreSQL database, composed as `serve --postgres` opens them
/// (<see cref="BackendFactory.OpenPostgres"/>): a zone admits its newIdentitiesPerHour for the whole fleet, where each
/// worker used to admit that many of its own (docs/SCALING-WORKERS.md).</summary>
[Collection(PostgresCollection.Name)]
public sealed class SharedIdentityRateTests(PostgresServer server)
{
    [SkippableFact]
    public void Two_verifiers_on_one_database_admit_the_zones_limit_between_them()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        string connectionString = server.NewSchema();
        var policy = new VerifierPolicy();
        policy.Zone(policy.ZoneOf(0)).NewIdentitiesPerHour = 3;
        using var first = BackendFactory.OpenPostgres(connectionString, policy, "test", TimeProvider.System, worker: null);
        using var second = BackendFactory.OpenPostgres(connectionString, policy, "test", TimeProvider.System, worker: null);
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var verdicts = Enumerable.Range(0, 6).Select(i =>
        {
            var board = new TestBoard(900 + i);
            var verifier = (i % 2 == 0 ? first : second).Verifier;
            return verifier.Judge(new InboundFrame(board.ObsTopic, board.NextFrame(), now + i, "external-broker", PathMode.Open));
        }).ToList();

        Assert.Equal(3, verdicts.Count(j => j.Verdict == Verdict.Genesis && j.Mode != DecisionMode.Refused));
        Assert.Equal(3, verdicts.Count(j => j.Reason == Reasons.IdentityRateExceeded));

        // The former composition, each verifier counting in its own memory, admitted the limit twice over.
        var alone = new[] { new FleetVerifier(policy, new AqNano.Verifier.Lineage.InMemoryLedger(), TimeProvider.System),
                            new FleetVerifier(policy, new AqNano.Verifier.Lineage.InMemoryLedger(), TimeProvider.System) };
        int admittedAlone = Enumerable.Range(0, 6).Count(i =>
        {
            var board = new TestBoard(950 + i);
            return alone[i % 2].Judge(new InboundFrame(board.ObsTopic, board.NextFrame(), now + i, "external-broker", PathMode.Open)).Mode != DecisionMode.Refused;
        });
        Assert.Equal(6, admittedAlone);
    }
}
