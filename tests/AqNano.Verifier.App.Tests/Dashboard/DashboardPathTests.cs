using System.Net;
using AqNano.Verifier.App.Tests.Support;

namespace AqNano.Verifier.App.Tests.Dashboard;

/// <summary>Path tricks in dashboard URLs: assets resolve only to names embedded at build time
/// (StaticAssets), device ids only to 16 hex characters; nothing from a URL reaches the file system.</summary>
public sealed class DashboardPathTests
{
    [Theory]
    [InlineData("/assets/..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/assets/..%2Fwwwroot%2Fcommon.js")]
    [InlineData("/assets/%2Fetc%2Fpasswd.js")]
    [InlineData("/assets/..%5C..%5Cappsettings.js")]
    [InlineData("/assets/common.js%00.css")]
    [InlineData("/api/devices/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/api/devices/0102030405060708%2F..%2F..")]
    public async Task Traversal_urls_find_nothing(string url)
    {
        await using var host = await HostHarness.StartAsync();
        using var viewer = await host.BrowserAsync("viewer");

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/assets/common.js")).StatusCode);
        var response = await viewer.GetAsync(url);
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{url}: {response.StatusCode}");
        Assert.DoesNotContain("root:", await response.Content.ReadAsStringAsync());
    }
}
