using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using AqNano.Simulator.Models;
using AqNano.Simulator.Network;

namespace AqNano.Simulator.Scenarios;

/// <summary>The scenarios as data: the built-in catalogue (one JSON file each under
/// Scenarios/Catalogue, embedded) plus any files or folders a user points at. A file that does not
/// describe a valid scenario is refused with the file's name and why.</summary>
public static class ScenarioCatalogue
{
    private const string ResourcePrefix = "AqNano.Simulator.Scenarios.";

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
    };

    public static IReadOnlyList<ScenarioDefinition> BuiltIn()
    {
        Assembly assembly = typeof(ScenarioCatalogue).Assembly;
        List<ScenarioDefinition> scenarios = new();
        foreach (string resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(ResourcePrefix) && r.EndsWith(".json")).Order(StringComparer.Ordinal))
        {
            using Stream stream = assembly.GetManifestResourceStream(resource)!;
            scenarios.Add(Parse(new StreamReader(stream).ReadToEnd(), resource[ResourcePrefix.Length..]));
        }
        return scenarios;
    }

    /// <summary>A scenario by name from the built-in catalogue, or from a JSON file at that path.</summary>
    public static ScenarioDefinition Find(string nameOrPath)
    {
        if (File.Exists(nameOrPath)) return Parse(File.ReadAllText(nameOrPath), nameOrPath);
        ScenarioDefinition? found = BuiltIn().FirstOrDefault(s => s.Name == nameOrPath);
        return found ?? throw new ScenarioException(
            $"no scenario '{nameOrPath}'; built in: {string.Join(", ", BuiltIn().Select(s => s.Name))}");
    }

    public static IReadOnlyList<ScenarioDefinition> LoadFolder(string folder) =>
        Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(f => Parse(File.ReadAllText(f), f)).ToList();

    public static ScenarioDefinition Parse(string json, string source)
    {
        ScenarioDefinition? scenario;
        try
        {
            scenario = JsonSerializer.Deserialize<ScenarioDefinition>(json, Json);
        }
        catch (JsonException exception)
        {
            throw new ScenarioException($"{source}: {exception.Message}");
        }
        if (scenario == null) throw new ScenarioException($"{source}: empty");
        Validate(scenario, source);
        return scenario;
    }

    public static string ToJson(ScenarioDefinition scenario) => JsonSerializer.Serialize(scenario, Json);

    public static LinkPath ParsePath(string path) => path switch
    {
        "open" => LinkPath.Open,
        "confidential" => LinkPath.Confidential,
        _ => throw new ScenarioException($"path must be open or confidential, not '{path}'"),
    };

    public static BoardModel ParseBoard(string name) =>
        BoardModel.TryResolve(name, out BoardModel board) ? board
            : throw new ScenarioException($"unknown board kind '{name}'; known: Esp32, Stm32, {string.Join(", ", Boards.BoardCatalog.Names)}");

    private static void Validate(ScenarioDefinition s, string source)
    {
        void Require(bool condition, string what)
        {
            if (!condition) throw new ScenarioException($"{source}: {what}");
        }
        Require(s.Name.Length > 0, "name is empty");
        Require(s.Devices >= 0 && s.Gateways >= 0, "devices and gateways must not be negative");
        Require(s.IntervalSeconds >= 0.1, "intervalSeconds must be at least 0.1");
        Require(s.DurationMinutes > 0, "durationMinutes must be positive");
        Require(s.BoardKinds.Length > 0, "boardKinds is empty");
        // Above 2^24 a base would wrap onto serials other bases use (Models/EspressifMac.cs).
        Require(s.ChipIdBase is null || s.ChipIdBase < Models.EspressifMac.SerialSpace, "chipIdBase must be below 16777216 (2^24 MAC serials)");
        try
        {
            ParsePath(s.Path);
            foreach (string kind in s.BoardKinds) ParseBoard(kind);
        }
        catch (ScenarioException refusal)
        {
            throw new ScenarioException($"{source}: {refusal.Message}");
        }
        foreach (OutageSpec o in s.Outages) Require(o.Device >= 0 && o.Device < s.Devices && o.ForMinutes > 0, $"outage of device {o.Device} is out of range");
        foreach (RebootSpec r in s.Reboots) Require(r.Device >= 0 && r.Device < s.Devices, $"reboot of device {r.Device} is out of range");
        foreach (AttackSpec a in s.Attacks)
        {
            Require(AttackCatalogue.Kinds.Contains(a.Kind), $"unknown attack '{a.Kind}'; known: {string.Join(", ", AttackCatalogue.Kinds)}");
            int pool = a.OnGateway ? s.Gateways : Math.Max(1, s.Devices);
            Require(!a.OnGateway || a.Kind == "clone", $"attack {a.Kind}: only a clone can target a gateway");
            Require(a.Target >= 0 && a.Target + (a.Kind == "clone" ? a.Count - 1 : 0) < pool, $"attack {a.Kind} targets a {(a.OnGateway ? "gateway" : "device")} the fleet does not have");
        }
        foreach (ProxiedSensorSpec p in s.ProxiedSensors)
        {
            Require(p.Gateway >= 0 && p.Gateway < s.Gateways, $"proxied sensor behind gateway {p.Gateway}: the fleet has {s.Gateways} gateways");
            Require(p.PeriodSeconds >= 0.1 && p.SwapPeriodSeconds >= 0.1, "a proxied sensor's periodSeconds must be at least 0.1");
        }
        foreach (ExpectedOutcome e in s.Expected)
        {
            Require(e.Role.Length > 0, "an expected outcome has no role");
        }
    }
}
