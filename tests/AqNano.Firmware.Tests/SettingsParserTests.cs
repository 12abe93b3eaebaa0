using AqNano.Firmware.Core.Agent;
using AqNano.Protocol;

namespace AqNano.Firmware.Tests;

public sealed class SettingsParserTests
{
    [Fact]
    public void A_complete_file_sets_every_field()
    {
        var settings = new DeviceSettings();
        string? problem = DeviceSettingsParser.Apply(
            "# lab bench\nwifi.ssid = lab\r\nwifi.password = secret pass\nbroker.host=10.0.0.5\nbroker.port=8883\n" +
            "broker.tls=true\nbroker.caFile=I:\\ca.pem\nevent.intervalMs=5000\nscope.requested=11\nrole=gateway\n", settings);
        Assert.Null(problem);
        Assert.Equal("lab", settings.WifiSsid);
        Assert.Equal("secret pass", settings.WifiPassword);
        Assert.Equal("10.0.0.5", settings.BrokerHost);
        Assert.Equal(8883, settings.BrokerPort);
        Assert.True(settings.UseTls);
        Assert.Equal("I:\\ca.pem", settings.BrokerCaCertificateFile);
        Assert.Equal(5000, settings.EventIntervalMs);
        Assert.Equal(Scopes.Observe | Scopes.Telemetry | Scopes.Actuate, settings.RequestedScope);
        Assert.Equal(DeviceRole.Gateway, settings.Role);
    }

    [Theory]
    [InlineData("broker.port=70000", "settings line 1: broker.port must be 1-65535")]
    [InlineData("\nrole=server", "settings line 2: role must be device or gateway")]
    [InlineData("brokr.host=x", "settings line 1: unknown key brokr.host")]
    [InlineData("just text", "settings line 1: expected key = value")]
    public void A_bad_line_is_named_and_changes_nothing(string text, string expected)
    {
        var settings = new DeviceSettings();
        Assert.Equal(expected, DeviceSettingsParser.Apply(text, settings));
        Assert.Equal(1883, settings.BrokerPort);
        Assert.Equal(DeviceRole.Device, settings.Role);
        Assert.Equal("", settings.BrokerHost);
    }

    [Fact]
    public void Defaults_are_safe()
    {
        var settings = new DeviceSettings();
        Assert.Equal(10000, settings.EventIntervalMs);
        Assert.False(settings.UseTls);
        Assert.Equal("", settings.WifiSsid);
        Assert.Null(DeviceSettingsParser.Apply("", settings));
    }
}
