using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AqNano.Protocol;
using AqNano.Verifier.App.Dashboard;
using AqNano.Verifier.App.Tests.Support;

namespace AqNano.Verifier.App.Tests.Dashboard;

/// <summary>The dashboard's HTTP surface (issue 6 item 4): login, roles, CSRF, disclosure.</summary>
public sealed class DashboardHttpTests
{
    [Fact]
    public async Task Nothing_but_the_login_page_and_metrics_answers_anonymously()
    {
        await using var host = await HostHarness.StartAsync();
        using var anonymous = await host.BrowserAsync(null);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/devices")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/events")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/login")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/devices/0102030405060708/revoke", null)).StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/login") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = "operator", ["password"] = "guess" }) };
        wrong.Headers.Add("Origin", host.DashboardUrl);
        Assert.EndsWith("/login?failed=1", (await anonymous.SendAsync(wrong)).Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_viewer_sees_the_fleet_but_cannot_revoke()
    {
        await using var host = await HostHarness.StartAsync();
        var board = new TestBoard(21);
        await using var device = await host.DeviceAsync();
        await device.PublishAsync(board.ObsTopic, board.NextFrame());
        using var viewer = await host.BrowserAsync("viewer");

        var devices = await viewer.GetFromJsonAsync<JsonElement>("/api/devices");
        Assert.Equal(Hex.FromWire(board.DeviceId), devices[0].GetProperty("deviceId").GetString());
        Assert.Equal("AdmitRestricted", devices[0].GetProperty("mode").GetString());

        var response = await Operate(host, viewer, board.DeviceId, "revoke", withToken: true, origin: host.DashboardUrl);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.NotEqual(Scopes.Observe, host.Verifier.GrantedScope(board.DeviceId));
    }

    [Fact]
    public async Task An_operator_revokes_only_with_the_csrf_token_from_the_same_origin_and_the_lineage_shows_it()
    {
        await using var host = await HostHarness.StartAsync();
        var board = new TestBoard(22);
        await using var device = await host.DeviceAsync();
        await device.PublishAsync(board.ObsTopic, board.NextFrame());
        using var op = await host.BrowserAsync("operator");

        Assert.Equal(HttpStatusCode.BadRequest, (await Operate(host, op, board.DeviceId, "revoke", withToken: false, origin: host.DashboardUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Operate(host, op, board.DeviceId, "revoke", withToken: true, origin: "http://evil.example")).StatusCode);
        Assert.NotEqual(Scopes.Observe, host.Verifier.GrantedScope(board.DeviceId));

        var done = await Operate(host, op, board.DeviceId, "revoke", withToken: true, origin: host.DashboardUrl);

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(Scopes.Observe, host.Verifier.GrantedScope(board.DeviceId));
        var page = await op.GetFromJsonAsync<JsonElement>($"/api/devices/{Hex.FromWire(board.DeviceId)}");
        Assert.Equal("Refused", page.GetProperty("device").GetProperty("mode").GetString());
        Assert.Contains(page.GetProperty("lineage").EnumerateArray(), r => r.GetProperty("kind").GetString() == "operator");
        await using var watcher = await host.DeviceAsync();
        await watcher.SubscribeAsync(board.DecisionTopic);
        Assert.NotNull(await watcher.WaitForAsync(board.DecisionTopic, Decisions.WithMode(DecisionMode.Refused)));
    }

    [Fact]
    public async Task No_response_carries_a_reveal_or_raw_frame()
    {
        await using var host = await HostHarness.StartAsync();
        var board = new TestBoard(23);
        await using var device = await host.DeviceAsync();
        var frames = new List<byte[]>();
        for (int i = 0; i < 4; i++)
        {
            frames.Add(board.NextFrame());
            await device.PublishAsync(board.ObsTopic, frames[^1]);
        }
        using var op = await host.BrowserAsync("operator");
        string id = Hex.FromWire(board.DeviceId);

        var bodies = new List<string>();
        foreach (var path in new[] { "/api/devices", $"/api/devices/{id}", "/api/feed", "/api/session", "/metrics", "/", $"/device?id={id}" })
        {
            bodies.Add(await op.GetStringAsync(path));
        }
        Assert.Contains(bodies, b => b.Contains("\"frameDigest\"")); // the lineage is there, by digest
        foreach (var frame in frames.Skip(1))
        {
            byte[] reveal = frame.AsSpan(frame.Length - 96, 32).ToArray();
            foreach (string body in bodies)
            {
                Assert.DoesNotContain(Convert.ToHexStringLower(reveal), body, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(Convert.ToBase64String(reveal), body);
                Assert.DoesNotContain(Convert.ToBase64String(frame), body);
            }
        }
    }

    [Fact]
    public async Task Decisions_stream_as_server_sent_events_and_metrics_count_them()
    {
        await using var host = await HostHarness.StartAsync();
        using var viewer = await host.BrowserAsync("viewer");
        using var events = await viewer.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", events.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await events.Content.ReadAsStreamAsync());
        Assert.StartsWith(":", await reader.ReadLineAsync());

        var board = new TestBoard(24);
        await using var device = await host.DeviceAsync();
        await device.PublishAsync(board.ObsTopic, board.NextFrame());

        string? line;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        do { line = await reader.ReadLineAsync(timeout.Token); } while (line != null && !line.StartsWith("data:"));
        Assert.Contains(Hex.FromWire(board.DeviceId), line);
        string metrics = await viewer.GetStringAsync("/metrics");
        Assert.Contains("aqnano_frames_in_total 1", metrics);
        Assert.Contains("aqnano_decisions_total{mode=\"AdmitRestricted\"} 1", metrics);
        Assert.Contains("aqnano_verification_latency_seconds_count 1", metrics);
    }

    private static async Task<HttpResponseMessage> Operate(HostHarness host, HttpClient client, ulong deviceId, string action, bool withToken, string origin)
    {
        var session = await client.GetFromJsonAsync<JsonElement>("/api/session");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/devices/{Hex.FromWire(deviceId)}/{action}")
        {
            Content = JsonContent.Create(new { reason = "test" }),
        };
        request.Headers.Add("Origin", origin);
        if (withToken) request.Headers.Add(DashboardServer.CsrfHeader, session.GetProperty("csrfToken").GetString());
        return await client.SendAsync(request);
    }
}
