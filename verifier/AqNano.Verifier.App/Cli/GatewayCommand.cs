using System.CommandLine;
using AqNano.Verifier.App.Gateway;

namespace AqNano.Verifier.App.Cli;

/// <summary>`aqnano gateway`: a host-side gateway for plain MQTT sensors that cannot run the chain (issue 9 item 2;
/// docs/ADOPTION.md "Gateway-mediated retrofit"). It keeps a chain per watched sensor topic and its own, until Ctrl+C.</summary>
public static class GatewayCommand
{
    public static Command Create()
    {
        var broker = new Option<string?>("--broker") { Description = "Broker the plain sensors publish to, mqtt://host:port (required unless --ids-for)." };
        var watch = new Option<string[]>("--watch") { Description = "Topic filter of plain sensors (repeatable), e.g. \"plant/+/temperature\" (required unless --ids-for).", AllowMultipleArgumentsPerToken = true };
        var idsFor = new Option<string[]>("--ids-for") { Description = "Print the policy's \"proxied\" entries for these concrete sensor topics and exit: register pairs before the gateway starts.", AllowMultipleArgumentsPerToken = true };
        var gatewayId = new Option<string>("--gateway-id") { Description = "This gateway's chip identity (a MAC or serial): its device id is derived from it as a board's is.", Required = true };
        var publishTo = new Option<string?>("--publish-to") { Description = "The verifier's broker for the chains (default: --broker)." };
        var interval = new Option<double>("--interval") { Description = "Seconds between frames of each chain (default 10).", DefaultValueFactory = _ => 10 };
        var valueField = new Option<string>("--value-field") { Description = "JSON field of the reading (bare numbers need none).", DefaultValueFactory = _ => "value" };
        var signalField = new Option<string>("--rssi-field") { Description = "JSON field of the signal strength in dBm, if any.", DefaultValueFactory = _ => "rssi" };
        var maxDevices = new Option<int>("--max-devices") { Description = "Topics carried at most; more are refused and counted (default 1000).", DefaultValueFactory = _ => 1000 };
        var command = new Command("gateway", "Keep chains for plain MQTT sensors that cannot run one (gateway-mediated retrofit).")
            { broker, watch, gatewayId, publishTo, interval, valueField, signalField, maxDevices, idsFor };
        command.SetAction(async (result, stop) =>
        {
            var errors = result.InvocationConfiguration.Error;
            if (result.GetValue(idsFor) is { Length: > 0 } topics)
            {
                if (string.IsNullOrWhiteSpace(result.GetValue(gatewayId)))
                {
                    await errors.WriteLineAsync("aqnano gateway: --ids-for needs --gateway-id");
                    return 2;
                }
                await result.InvocationConfiguration.Output.WriteLineAsync(ProxiedIds.PolicyEntries(result.GetValue(gatewayId)!, topics));
                return 0;
            }
            if (result.GetValue(broker) == null || result.GetValue(watch) is not { Length: > 0 })
            {
                await errors.WriteLineAsync("aqnano gateway: --broker and --watch are required (or --ids-for to print ids)");
                return 2;
            }
            if (!TryBuild(result.GetValue(broker)!, result.GetValue(publishTo), result.GetValue(watch)!, result.GetValue(gatewayId)!,
                    result.GetValue(interval), result.GetValue(valueField)!, result.GetValue(signalField)!, result.GetValue(maxDevices),
                    out var options, out string error))
            {
                await errors.WriteLineAsync("aqnano gateway: " + error);
                return 2;
            }
            await using var host = new GatewayHost(options!, result.InvocationConfiguration.Output);
            try
            {
                await host.StartAsync(stop);
            }
            catch (Exception exception) when (exception is InvalidOperationException or MQTTnet.Exceptions.MqttCommunicationException
                                              or System.Net.Sockets.SocketException or IOException)
            {
                await errors.WriteLineAsync($"aqnano gateway: could not start: {exception.GetBaseException().Message}");
                return 3;
            }
            await host.RunAsync(stop);
            await result.InvocationConfiguration.Output.WriteLineAsync(
                $"gateway stopped: {host.Chains.DeviceCount} devices, {host.MessagesObserved} messages observed, {host.BadMessages} refused, " +
                $"{host.FramesAcknowledged} frames acknowledged, {host.FramesRefused} refused by the broker");
            return 0;
        });
        return command;
    }

    /// <summary>Checks every argument; false with a one-line reason.</summary>
    public static bool TryBuild(string broker, string? publishTo, string[] watch, string gatewayId, double intervalSeconds, string valueField,
                                string signalField, int maxDevices, out GatewayOptions? options, out string error)
    {
        options = null;
        if (!BrokerAddress.TryParse(broker, out Uri? sensors, out error)) return false;
        Uri? verifier = sensors;
        if (publishTo != null && !BrokerAddress.TryParse(publishTo, out verifier, out error))
        {
            error = error.Replace("--broker", "--publish-to");
            return false;
        }
        if (watch.Length == 0 || watch.Any(w => w.Length == 0 || w.StartsWith("aq/", StringComparison.Ordinal)))
        {
            error = "--watch needs one or more topic filters of plain sensors (never aq/ topics: those are chains already)";
            return false;
        }
        if (string.IsNullOrWhiteSpace(gatewayId))
        {
            error = "--gateway-id must name this gateway (a MAC or serial)";
            return false;
        }
        if (!(intervalSeconds >= 0.1 && intervalSeconds <= 3600))
        {
            error = $"--interval must be 0.1..3600 seconds, not {intervalSeconds}";
            return false;
        }
        if (maxDevices < 1)
        {
            error = "--max-devices must be at least 1";
            return false;
        }
        options = new GatewayOptions
        {
            Broker = sensors!, PublishTo = verifier!, Watch = watch, GatewayId = gatewayId, Interval = TimeSpan.FromSeconds(intervalSeconds),
            ValueField = valueField, SignalField = signalField, MaxDevices = maxDevices,
        };
        return true;
    }
}
