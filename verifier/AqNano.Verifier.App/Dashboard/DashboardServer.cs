using System.Security.Claims;
using System.Text.Json;
using AqNano.Protocol;
using AqNano.Verifier.App.Metrics;
using AqNano.Verifier.Lineage;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AqNano.Verifier.App.Dashboard;

/// <summary>The lab dashboard on Kestrel (issue 6 item 4): fleet, live feed (server-sent events),
/// device pages with lineage, operator revoke/reinstate, /metrics. Every page and API but the login
/// and /metrics needs a login; state changes need the operator role, the antiforgery token in a
/// header and a same-origin request, and the auth cookie is SameSite=Strict.</summary>
public sealed class DashboardServer : IAsyncDisposable
{
    public const string CsrfHeader = "X-CSRF-TOKEN";
    private readonly WebApplication _app;
    private readonly DashboardOptions _options;

    public DashboardServer(DashboardOptions options, IVerifier verifier, IFleetView fleet, ILedger? ledger,
        Action<Judgement?> publish, AppMetrics metrics, TimeProvider clock, ILoggerProvider? logs = null)
    {
        _options = options;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (logs != null) builder.Logging.AddProvider(logs);
        builder.WebHost.ConfigureKestrel(k => k.Listen(options.Listen, options.Port));
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(c =>
        {
            c.Cookie.Name = "aqnano.auth";
            c.Cookie.SameSite = SameSiteMode.Strict;
            c.Cookie.HttpOnly = true;
            c.LoginPath = "/login";
            c.Events.OnRedirectToLogin = ctx => RedirectOrStatus(ctx, StatusCodes.Status401Unauthorized);
            c.Events.OnRedirectToAccessDenied = ctx => RedirectOrStatus(ctx, StatusCodes.Status403Forbidden);
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(DashboardUser.Viewer, p => p.RequireRole(DashboardUser.Viewer, DashboardUser.Operator))
            .AddPolicy(DashboardUser.Operator, p => p.RequireRole(DashboardUser.Operator));
        builder.Services.AddAntiforgery(a => { a.HeaderName = CsrfHeader; a.Cookie.SameSite = SameSiteMode.Strict; a.Cookie.Name = "aqnano.csrf"; });
        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        var feed = new DecisionFeed(fleet, clock);
        Feed = feed;
        MapPages();
        MapApi(verifier, fleet, ledger, publish, feed);
        // Worker mode: this worker shows only the devices of the partitions it owns; the fleet page says so.
        // Always an object (workerId null for a single verifier): Results.Json(null) sends no JSON body.
        _app.MapGet("/api/worker", () => Results.Json(metrics.Worker is { } w
            ? new { workerId = (string?)w.WorkerId, ownedPartitions = w.OwnedPartitions, partitions = w.PartitionCount }
            : new { workerId = (string?)null, ownedPartitions = 0, partitions = 0 })).RequireAuthorization(DashboardUser.Viewer);
        _app.MapGet("/metrics", (HttpContext ctx) =>
        {
            var text = new StringWriter();
            metrics.WriteTo(text);
            return Results.Text(text.ToString(), "text/plain; version=0.0.4");
        });
    }

    public DecisionFeed Feed { get; }

    /// <summary>The bound address, e.g. http://127.0.0.1:8080 (known after start, also with port 0).</summary>
    public string Address { get; private set; } = "";

    public async Task StartAsync()
    {
        await _app.StartAsync();
        Address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    private void MapPages()
    {
        _app.MapGet("/login", () => StaticAssets.Page("login.html"));
        _app.MapPost("/login", async (HttpContext ctx) =>
        {
            if (!SameOrigin(ctx)) return Results.StatusCode(StatusCodes.Status403Forbidden);
            var form = await ctx.Request.ReadFormAsync();
            var user = _options.Users.FirstOrDefault(u => u.Name == form["user"] && Secrets.Equal(u.Password, form["password"]));
            if (user == null) return Results.Redirect("/login?failed=1");
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Name), new Claim(ClaimTypes.Role, user.Role)], CookieAuthenticationDefaults.AuthenticationScheme);
            await ctx.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.Redirect("/");
        });
        _app.MapPost("/logout", async (HttpContext ctx) =>
        {
            if (!SameOrigin(ctx)) return Results.StatusCode(StatusCodes.Status403Forbidden);
            await ctx.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/login");
        });
        _app.MapGet("/", () => StaticAssets.Page("index.html")).RequireAuthorization(DashboardUser.Viewer);
        _app.MapGet("/device", () => StaticAssets.Page("device.html")).RequireAuthorization(DashboardUser.Viewer);
        _app.MapGet("/assets/{name}", (string name) => StaticAssets.Asset(name));
    }

    private void MapApi(IVerifier verifier, IFleetView fleet, ILedger? ledger, Action<Judgement?> publish, DecisionFeed feed)
    {
        var api = _app.MapGroup("/api").RequireAuthorization(DashboardUser.Viewer);
        api.MapGet("/session", (HttpContext ctx, IAntiforgery antiforgery) => Results.Json(new
        {
            user = ctx.User.Identity!.Name, role = ctx.User.FindFirstValue(ClaimTypes.Role),
            csrfToken = antiforgery.GetAndStoreTokens(ctx).RequestToken,
        }));
        api.MapGet("/devices", () => Results.Json(fleet.Devices().Select(JsonViews.Device)));
        api.MapGet("/feed", () => Results.Json(feed.Recent()));
        api.MapGet("/devices/{id}", (string id) =>
        {
            if (!TryDevice(id, out ulong deviceId)) return Results.BadRequest(new { error = "device id must be 16 lower-case hex characters" });
            var device = fleet.Device(deviceId);
            if (device == null) return Results.NotFound(new { error = $"unknown device {id}" });
            var lineage = ledger == null ? [] : ledger.ReadDevice(deviceId).TakeLast(500).Select(JsonViews.LedgerRecord).ToList();
            return Results.Json(new { device = JsonViews.Device(device), lineage });
        });
        api.MapGet("/events", async (HttpContext ctx) =>
        {
            // Listen before the first byte goes out, so that no judgement falls between the two.
            var items = feed.Listen(ctx.RequestAborted);
            ctx.Response.Headers.ContentType = "text/event-stream";
            ctx.Response.Headers.CacheControl = "no-store";
            await ctx.Response.WriteAsync(": aqnano decision feed\n\n", ctx.RequestAborted);
            await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            try
            {
                await foreach (var item in items.ReadAllAsync(ctx.RequestAborted))
                {
                    await ctx.Response.WriteAsync($"event: judgement\ndata: {JsonSerializer.Serialize(item)}\n\n", ctx.RequestAborted);
                    await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
                }
            }
            catch (OperationCanceledException) { }
        });
        var operate = _app.MapGroup("/api/devices/{id}").RequireAuthorization(DashboardUser.Operator);
        operate.MapPost("/revoke", (HttpContext ctx, string id, IAntiforgery af) => Operate(ctx, id, af, verifier.Revoke, publish));
        operate.MapPost("/reinstate", (HttpContext ctx, string id, IAntiforgery af) => Operate(ctx, id, af, verifier.Reinstate, publish));
    }

    private static async Task<IResult> Operate(HttpContext ctx, string id, IAntiforgery antiforgery,
        Func<ulong, string, string, Judgement?> action, Action<Judgement?> publish)
    {
        if (!SameOrigin(ctx)) return Results.Json(new { error = "cross-origin request refused" }, statusCode: StatusCodes.Status403Forbidden);
        try { await antiforgery.ValidateRequestAsync(ctx); }
        catch (AntiforgeryValidationException) { return Results.Json(new { error = "missing or invalid CSRF token" }, statusCode: StatusCodes.Status400BadRequest); }
        if (!TryDevice(id, out ulong deviceId)) return Results.BadRequest(new { error = "device id must be 16 lower-case hex characters" });
        string reason = "operator action";
        if (ctx.Request.HasJsonContentType())
        {
            var body = await ctx.Request.ReadFromJsonAsync<JsonElement>();
            if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String) reason = r.GetString()!;
        }
        var judgement = action(deviceId, ctx.User.Identity!.Name!, reason);
        if (judgement == null) return Results.NotFound(new { error = $"unknown device {id}" });
        publish(judgement);
        return Results.Json(JsonViews.Judgement(judgement, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
    }

    private static bool TryDevice(string id, out ulong deviceId)
    {
        deviceId = 0;
        return id.Length == 16 && Hex.TryParseWire(id, 0, out deviceId);
    }

    /// <summary>A state-changing request must come from this dashboard's own pages: an Origin (or, when
    /// absent, a Referer) naming another site is refused, as are requests with neither.</summary>
    private static bool SameOrigin(HttpContext ctx)
    {
        string self = $"{ctx.Request.Scheme}://{ctx.Request.Host}";
        string? origin = ctx.Request.Headers.Origin;
        if (!string.IsNullOrEmpty(origin)) return string.Equals(origin, self, StringComparison.OrdinalIgnoreCase);
        string? referer = ctx.Request.Headers.Referer;
        return !string.IsNullOrEmpty(referer) && referer.StartsWith(self + "/", StringComparison.OrdinalIgnoreCase);
    }

    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api")) ctx.Response.StatusCode = status;
        else ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
