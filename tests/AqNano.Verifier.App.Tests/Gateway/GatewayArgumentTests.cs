using System.CommandLine;
using AqNano.Verifier.App.Cli;
using AqNano.Verifier.App.Gateway;

namespace AqNano.Verifier.App.Tests.Gateway;

/// <summary>`aqnano gateway` refuses bad arguments with why (exit 2) and bad sensor messages with why (nothing observed).</summary>
public sealed class GatewayArgumentTests
{
    [Theory]
    [InlineData("--broker", "http://x:1883", "--broker must look like mqtt://host:port")]
    [InlineData("--watch", "aq/v1/dev/+/obs", "never aq/ topics")]
    [InlineData("--interval", "0.01", "--interval must be 0.1..3600 seconds")]
    [InlineData("--max-devices", "0", "--max-devices must be at least 1")]
    [InlineData("--publish-to", "tcp://x", "--publish-to must look like mqtt://host:port")]
    public async Task The_verb_refuses_bad_arguments(string option, string value, string expected)
    {
        var args = new Dictionary<string, string> { ["--broker"] = "mqtt://127.0.0.1:1", ["--watch"] = "plant/+/t", ["--gateway-id"] = "gw-1" };
        args[option] = value;
        var errors = new StringWriter();
        int code = await AqNanoCli.Create().Parse(new[] { "gateway" }.Concat(args.SelectMany(a => new[] { a.Key, a.Value })).ToArray())
            .InvokeAsync(new InvocationConfiguration { Output = new StringWriter(), Error = errors });
        Assert.Equal(2, code);
        Assert.Contains(expected, errors.ToString());
    }

    [Fact]
    public async Task An_unreachable_broker_is_a_clear_start_failure()
    {
        var errors = new StringWriter();
        int code = await AqNanoCli.Create().Parse(["gateway", "--broker", $"mqtt://127.0.0.1:{Support.FreePort.Next()}", "--watch", "p/+/t", "--gateway-id", "gw"])
            .InvokeAsync(new InvocationConfiguration { Output = new StringWriter(), Error = errors });
        Assert.Equal(3, code);
        Assert.Contains("aqnano gateway: could not start", errors.ToString());
    }

    [Fact]
    public async Task Ids_for_prints_the_pairs_to_register_before_the_gateway_runs()
    {
        var output = new StringWriter();
        int code = await AqNanoCli.Create().Parse(["gateway", "--gateway-id", "24:6f:28:aa:bb:01", "--ids-for", "plant/1/temperature", "plant/2/temperature"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = new StringWriter() });
        Assert.Equal(0, code);
        var printed = System.Text.Json.JsonDocument.Parse(output.ToString()).RootElement;
        var chains = new GatewayChains("24:6f:28:aa:bb:01", 10);
        string gateway = AqNano.Protocol.Hex.FromWire(chains.GatewayId);
        Assert.Equal(gateway, printed.GetProperty("gateway").GetString());
        string first = AqNano.Protocol.Hex.FromWire(chains.DeviceFor("plant/1/temperature", out _)!.DeviceId);
        Assert.Equal(gateway, printed.GetProperty("proxied").GetProperty(first).GetString());
        Assert.Equal(2, printed.GetProperty("proxied").EnumerateObject().Count());
        Assert.Equal("plant/1/temperature", printed.GetProperty("topics").GetProperty(first).GetString());
    }

    [Fact]
    public void A_topic_flood_beyond_max_devices_makes_no_more_chains()
    {
        var chains = new GatewayChains("gw-flood", maxDevices: 3);
        for (int i = 0; i < 3; i++) Assert.NotNull(chains.DeviceFor($"plant/{i}/t", out bool created));
        Assert.NotNull(chains.DeviceFor("plant/0/t", out bool again));
        Assert.False(again);

        for (int i = 3; i < 1000; i++) Assert.Null(chains.DeviceFor($"plant/{i}/t", out _));

        Assert.Equal(3, chains.DeviceCount);
        // Only the gateway's own chain and the devices that were observed make frames.
        Assert.Single(chains.FramesDue(1_000));
    }

    [Fact]
    public async Task Without_broker_and_watch_the_verb_says_what_is_missing()
    {
        var errors = new StringWriter();
        int code = await AqNanoCli.Create().Parse(["gateway", "--gateway-id", "gw"])
            .InvokeAsync(new InvocationConfiguration { Output = new StringWriter(), Error = errors });
        Assert.Equal(2, code);
        Assert.Contains("--broker and --watch are required", errors.ToString());
    }

    [Theory]
    [InlineData("21.5", 21_500, false, 0)]
    [InlineData(" -3 ", -3_000, false, 0)]
    [InlineData("{\"value\": 19.25, \"rssi\": -67}", 19_250, true, -67)]
    [InlineData("{\"value\": 1e-4}", 0, false, 0)]
    public void A_reading_is_a_number_or_a_json_field(string payload, int milli, bool hasSignal, int dbm)
    {
        Assert.True(PlainReading.TryParse(System.Text.Encoding.UTF8.GetBytes(payload), "value", "rssi", out int value, out bool signal, out int rssi, out string error), error);
        Assert.Equal((milli, hasSignal, dbm), (value, signal, rssi));
    }

    [InlineData("", "payload of 0 bytes")]
    [InlineData("warm", "neither a number nor JSON")]
    [InlineData("{\"temp\": 3}", "numeric \"value\"")]
    [InlineData("[1,2]", "numeric \"value\"")]
    [InlineData("9e99", "outside")]
    [InlineData("NaN", "outside")]
    // [Theory] after the data: the SECURITY.md guard reads the attribute right before the signature.
    [Theory]
    public void A_message_that_is_no_reading_is_refused_with_why(string payload, string expected)
    {
        Assert.False(PlainReading.TryParse(System.Text.Encoding.UTF8.GetBytes(payload), "value", "rssi", out _, out _, out _, out string error));
        Assert.Contains(expected, error);
    }
}
