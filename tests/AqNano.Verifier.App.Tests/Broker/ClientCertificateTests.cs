using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using AqNano.Protocol;
using AqNano.Verifier.App.Broker;
using AqNano.Verifier.App.Metrics;
using AqNano.Verifier.App.Tests.Support;
using AqNano.Verifier.Evidence;
using AqNano.Verifier.Lineage;
using AqNano.Verifier.Policy;
using AqNano.Verifier.Replay;
using AqNano.Verifier.Tests;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;

namespace AqNano.Verifier.App.Tests.Broker;

/// <summary>Issue 9 item 1 over the real thing: the embedded broker's TLS listener asks for an optional client
/// certificate, MQTTnet clients present each case (valid, expired, revoked, foreign CA, none) and publish real
/// chain frames, and the real verifier weighs them. Verifier time is a test clock moved 1 s per frame (the
/// boards' uptime step), so no test waits on the wall clock.</summary>
public sealed class ClientCertificateTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aqnano-client-certs-").FullName;
    private readonly TestCertificateAuthority _ca = new("Plant CA");
    private readonly TestCertificateAuthority _foreign = new("Foreign CA");
    private readonly InMemoryLedger _ledger = new();
    private readonly CaptureClock _clock = new(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    private X509Certificate2 _revoked = null!;
    private FleetVerifier _verifier = null!;
    private EmbeddedBroker _broker = null!;
    private int _tlsPort;

    public async Task InitializeAsync()
    {
        _revoked = _ca.IssueValid("pump-revoked");
        Assert.True(CertificateRevocationList.TryParse(_ca.RevocationList(_revoked), [_ca.Certificate], out var crl, out string error), error);
        var policy = new VerifierPolicy();
        ZonePolicy zone = policy.Zones["lab"];
        (zone.LinksForFull, zone.SecondsForFull, zone.CertificateLift, zone.CertificateHoldBack) = (6, 5, true, true);
        _verifier = new FleetVerifier(policy, _ledger, _clock);
        _tlsPort = FreePort.Next();
        var serverCertificate = LocalCertificateAuthority.LoadOrCreate(_folder, ["127.0.0.1"], out _, out _);
        _broker = new EmbeddedBroker(new EmbeddedBrokerOptions
        {
            Listen = IPAddress.Loopback, Port = FreePort.Next(), TlsPort = _tlsPort, TlsCertificate = serverCertificate,
            ClientTrust = new CertificateTrust([_ca.Certificate], crl),
        }, _verifier, new AppMetrics(), _clock, NullLogger.Instance);
        await _broker.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        _ledger.Dispose();
        _revoked.Dispose();
        _ca.Dispose();
        _foreign.Dispose();
        Directory.Delete(_folder, true);
    }

    private sealed record Case(string Name, TestBoard Board, TestClient Client, CertificateStatus Status);

    private async Task<Case> ConnectAsync(string name, int seed, X509Certificate2? certificate, CertificateStatus status) =>
        new(name, new TestBoard(seed), await TestClient.ConnectAsync(_tlsPort, tls: true, clientCertificate: certificate), status);

    /// <summary>One frame per board, then the clock moves 1 s; every frame must be acknowledged: a certificate never refuses.</summary>
    private async Task RoundAsync(IEnumerable<Case> cases)
    {
        foreach (Case c in cases)
        {
            MqttClientPublishResult result = await c.Client.PublishAsync(c.Board.ObsTopic, c.Board.NextFrame());
            Assert.True(result.IsSuccess, $"{c.Name}: {result.ReasonCode} {result.ReasonString}");
        }
        _clock.Advance(1000);
    }

    [Fact]
    public async Task Each_certificate_case_over_tls_is_weighed_beside_the_chain_and_none_gates_the_connection()
    {
        using X509Certificate2 valid = _ca.IssueValid("pump-valid");
        using X509Certificate2 expired = _ca.Issue("pump-expired", DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1));
        using X509Certificate2 foreign = _foreign.IssueValid("pump-foreign");
        Case[] cases =
        [
            await ConnectAsync("valid", 901, valid, CertificateStatus.Valid),
            await ConnectAsync("expired", 902, expired, CertificateStatus.Expired),
            await ConnectAsync("revoked", 903, _revoked, CertificateStatus.Revoked),
            await ConnectAsync("foreign", 904, foreign, CertificateStatus.UntrustedIssuer),
            await ConnectAsync("none", 905, null, CertificateStatus.None),
        ];
        try
        {
            for (int i = 0; i < 5; i++) await RoundAsync(cases); // Genesis and 4 links: depth 3, 4 s covered
            DeviceView Device(string name) => _verifier.Device(cases.Single(c => c.Name == name).Board.DeviceId)!;
            foreach (Case c in cases)
            {
                Assert.Equal(c.Status, Device(c.Name).CertificateStatus);
                Assert.Equal(PathMode.Confidential, Device(c.Name).Path);
            }
            // The lift: a valid certificate from the trusted issuer is full at half the zone's thresholds (3 links, 3 s).
            Assert.Equal(DecisionMode.AdmitFull, Device("valid").Mode);
            Assert.Equal(("CN=pump-valid, O=Plant PKI", "CN=Plant CA"), (Device("valid").Certificate!.Subject, Device("valid").Certificate!.Issuer));
            Assert.All(cases.Where(c => c.Name != "valid"), c => Assert.Equal(DecisionMode.AdmitRestricted, Device(c.Name).Mode));
            Assert.Equal(Reasons.CertificateExpired, Device("expired").Reason);

            for (int i = 0; i < 4; i++) await RoundAsync(cases); // 8 links, 8 s: full by continuity alone (6 links, 5 s)
            Assert.Equal(DecisionMode.AdmitFull, Device("none").Mode);
            Assert.Equal(DecisionMode.AdmitFull, Device("expired").Mode);
            Assert.Equal(DecisionMode.AdmitFull, Device("valid").Mode);
            // Held back: a young chain with a revoked or foreign certificate stays restricted (twice the thresholds).
            Assert.Equal((DecisionMode.AdmitRestricted, Reasons.CertificateRevoked), (Device("revoked").Mode, Device("revoked").Reason));
            Assert.Equal((DecisionMode.AdmitRestricted, Reasons.CertificateUntrusted), (Device("foreign").Mode, Device("foreign").Reason));
            Assert.All(cases, c => Assert.True(Device(c.Name).ContinuityDepth >= 6, $"{c.Name}: continuity is never broken"));

            // The ledger holds one "certificate" record per device that presented one, written at its first accepted frame.
            var records = _ledger.Read().Where(e => e.Kind == "certificate").ToList();
            Assert.Equal(4, records.Count);
            Assert.DoesNotContain(records, r => r.DeviceId == cases[4].Board.DeviceId);
            var revokedRecord = JsonDocument.Parse(records.Single(r => r.DeviceId == cases[2].Board.DeviceId).Detail).RootElement;
            Assert.Equal("revoked", revokedRecord.GetProperty("status").GetString());
            Assert.Equal(_revoked.SerialNumber.ToLowerInvariant(), revokedRecord.GetProperty("serial").GetString());
            Assert.Null(_ledger.Verify());
        }
        finally
        {
            foreach (Case c in cases) await c.Client.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_certificate_that_expires_mid_run_leaves_the_mode_continuity_earned()
    {
        // Valid for 8 s of verifier time from now: the board is full by continuity (6 links, 5 s) before it expires.
        DateTimeOffset start = DateTimeOffset.FromUnixTimeMilliseconds(_clock.NowUnixMs);
        using X509Certificate2 shortLived = _ca.Issue("pump-short", start.AddDays(-1), start.AddSeconds(8));
        Case c = await ConnectAsync("short", 906, shortLived, CertificateStatus.Valid);
        try
        {
            for (int i = 0; i < 8; i++) await RoundAsync([c]);
            DeviceView before = _verifier.Device(c.Board.DeviceId)!;
            Assert.Equal((DecisionMode.AdmitFull, CertificateStatus.Valid), (before.Mode, before.CertificateStatus));
            Assert.True(before.ContinuityDepth >= 6);
            for (int i = 0; i < 4; i++) await RoundAsync([c]);
            DeviceView after = _verifier.Device(c.Board.DeviceId)!;
            Assert.Equal((DecisionMode.AdmitFull, Reasons.None, CertificateStatus.Expired), (after.Mode, after.Reason, after.CertificateStatus));
            var statuses = _ledger.ReadDevice(c.Board.DeviceId).Where(e => e.Kind == "certificate")
                .Select(e => JsonDocument.Parse(e.Detail).RootElement.GetProperty("status").GetString()).ToList();
            Assert.Equal(["valid", "expired"], statuses);
        }
        finally
        {
            await c.Client.DisposeAsync();
        }
    }
}
