using AqNano.Protocol;
using AqNano.Verifier.App.Tests.Support;
using Microsoft.Playwright;

namespace AqNano.Dashboard.Tests;

/// <summary>What lab staff see (issue 6 item 5): a device appears, a clone shows quarantined with its
/// reason within seconds, a viewer cannot revoke, an operator can and the lineage shows it.</summary>
public sealed class DashboardBrowserTests
{
    private static readonly LocatorAssertionsToBeVisibleOptions Seconds = new() { Timeout = 10_000 };

    [ChromiumFact]
    public async Task A_device_appears_and_a_clone_shows_quarantined_with_its_reason()
    {
        await using var site = await DashboardSite.StartAsync();
        var page = await site.LoginAsync("viewer");

        var honest = new TestBoard(51);
        await using var device = await site.DeviceAsync();
        await device.PublishAsync(honest.ObsTopic, honest.NextFrame());
        var row = page.Locator($"tr[data-device='{Hex.FromWire(honest.DeviceId)}']");
        await Assertions.Expect(row).ToBeVisibleAsync(Seconds);
        await DashboardSite.ScreenshotAsync(page, "1-device-appears");

        var victim = new TestBoard(52);
        await using var owner = await site.DeviceAsync(tls: true);
        await owner.PublishAsync(victim.ObsTopic, victim.NextFrame());
        await owner.PublishAsync(victim.ObsTopic, victim.NextFrame());
        var clone = victim.Clone(999);
        await owner.PublishAsync(victim.ObsTopic, victim.NextFrame());
        await using var attacker = await site.DeviceAsync(tls: true);
        await attacker.PublishAsync(victim.ObsTopic, clone.NextFrame());

        var cloneRow = page.Locator($"tr[data-device='{Hex.FromWire(victim.DeviceId)}']");
        await Assertions.Expect(cloneRow.Locator(".mode.Refused")).ToBeVisibleAsync(Seconds);
        await Assertions.Expect(cloneRow).ToContainTextAsync("CloneEvidence");
        await Assertions.Expect(page.Locator("#banner")).ToBeVisibleAsync(Seconds);
        await DashboardSite.ScreenshotAsync(page, "2-clone-quarantined");
    }

    [ChromiumFact]
    public async Task A_device_shows_the_client_certificate_that_speaks_for_it()
    {
        using var ca = new AqNano.Verifier.Tests.TestCertificateAuthority("Plant CA");
        using var certificate = ca.IssueValid("pump-12");
        await using var site = await DashboardSite.StartAsync(new AqNano.Verifier.Evidence.CertificateTrust([ca.Certificate]));
        var page = await site.LoginAsync("viewer");

        var board = new TestBoard(53);
        await using var device = await site.DeviceAsync(certificate: certificate);
        await device.PublishAsync(board.ObsTopic, board.NextFrame());
        var row = page.Locator($"tr[data-device='{Hex.FromWire(board.DeviceId)}']");
        await Assertions.Expect(row.Locator("td.certificate")).ToHaveTextAsync("valid", new() { Timeout = 10_000 });
        await DashboardSite.ScreenshotAsync(page, "5-fleet-certificate");

        await page.GotoAsync(site.Url("/device?id=" + Hex.FromWire(board.DeviceId)));
        var shown = page.Locator("#certificate");
        await Assertions.Expect(shown.Locator(".cert.valid")).ToBeVisibleAsync(Seconds);
        await Assertions.Expect(shown).ToContainTextAsync("CN=pump-12, O=Plant PKI, issued by CN=Plant CA");
        await Assertions.Expect(shown).ToContainTextAsync("not after " + certificate.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd"));
        await Assertions.Expect(page.Locator("#lineage tr.kind-certificate")).ToContainTextAsync("bound", new() { Timeout = 10_000 });
        await DashboardSite.ScreenshotAsync(page, "6-device-certificate");
    }

    [ChromiumFact]
    public async Task A_viewer_cannot_revoke_an_operator_can_and_the_lineage_shows_it()
    {
        await using var site = await DashboardSite.StartAsync();
        var board = new TestBoard(53);
        await using var device = await site.DeviceAsync();
        await device.PublishAsync(board.ObsTopic, board.NextFrame());
        await device.PublishAsync(board.ObsTopic, board.NextFrame());
        string id = Hex.FromWire(board.DeviceId);

        var viewer = await site.LoginAsync("viewer");
        await viewer.GotoAsync(site.Url($"/device?id={id}"));
        await Assertions.Expect(viewer.Locator("#explanation")).ToBeVisibleAsync(Seconds);
        await Assertions.Expect(viewer.Locator("#actions")).ToBeHiddenAsync();
        int status = await viewer.EvaluateAsync<int>(@"async id => (await fetch(`/api/devices/${id}/revoke`, { method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': aq.session.csrfToken }, body: '{}' })).status", id);
        Assert.Equal(403, status);
        await DashboardSite.ScreenshotAsync(viewer, "3-viewer-device-page");

        var op = await site.LoginAsync("operator");
        await op.GotoAsync(site.Url($"/device?id={id}"));
        await Assertions.Expect(op.Locator("#actions")).ToBeVisibleAsync(Seconds);
        await op.FillAsync("#operator-reason", "lost in the field");
        await op.ClickAsync("#revoke");
        await Assertions.Expect(op.Locator("#result")).ToHaveTextAsync("revoke: done", new() { Timeout = 10_000 });
        await Assertions.Expect(op.Locator("#lineage tr.kind-operator")).ToContainTextAsync("lost in the field", new() { Timeout = 10_000 });
        await Assertions.Expect(op.Locator("#evidence .mode.Refused")).ToBeVisibleAsync(Seconds);
        Assert.Equal(Scopes.Observe, site.Verifier.GrantedScope(board.DeviceId));
        await DashboardSite.ScreenshotAsync(op, "4-operator-revoked");
    }

    /// <summary>Issue 9 item 3: a proxied device shows with its gateway, on the fleet table and its own page.</summary>
    [ChromiumFact]
    public async Task A_proxied_device_shows_its_gateway()
    {
        await using var site = await DashboardSite.StartAsync();
        var gateway = new TestBoard(61);
        var sensor = new TestBoard(62);
        string gatewayId = Hex.FromWire(gateway.DeviceId), sensorId = Hex.FromWire(sensor.DeviceId);
        var policy = new AqNano.Verifier.Policy.VerifierPolicy();
        policy.Proxied[sensorId] = gatewayId;
        site.Verifier.ApplyPolicy(policy, "browser test: one registered pair");
        await using var connection = await site.DeviceAsync();
        await connection.PublishAsync(gateway.ObsTopic, gateway.NextFrame());
        await connection.PublishAsync(sensor.ObsTopic, sensor.NextFrame());

        var page = await site.LoginAsync("viewer");
        var row = page.Locator($"tr[data-device='{sensorId}']");
        await Assertions.Expect(row.Locator("td.gateway")).ToHaveTextAsync(gatewayId, new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator($"tr[data-device='{gatewayId}'] td.gateway")).ToHaveTextAsync("");
        await page.GotoAsync(site.Url($"/device?id={sensorId}"));
        await Assertions.Expect(page.Locator("#gateway")).ToHaveTextAsync(gatewayId, new() { Timeout = 10_000 });
        await DashboardSite.ScreenshotAsync(page, "5-proxied-device");
    }
}
