using AqNano.Firmware.Core.Ports;
using AqNano.Protocol.Chain;
using AqNano.Protocol.Frames;
using AqNano.Protocol.Host;
using AqNano.Simulator.Fleet;
using AqNano.Simulator.Models;
using AqNano.Simulator.Network;
using AqNano.Simulator.Proxied;
using AqNano.Simulator.Scenarios.Attacks;
using AqNano.Simulator.Time;

namespace AqNano.Simulator.Scenarios;

/// <summary>One scenario made real: the fleet and gateways on their network, reboots and outages
/// at their minutes, the attacks installed. Everything random comes from the seed and everything
/// happens on the scheduler, so a virtual-time run is the same run, byte for byte, every time.</summary>
public sealed class ScenarioRun
{
    private const double MicrosecondsPerMinute = 60_000_000;
    private readonly List<SimulatedBoard> _devices = new();
    private readonly List<SimulatedBoard> _gateways = new();
    private readonly List<SimulatedBoard> _extraBoards = new();
    private readonly List<IScenarioAttack> _attacks = new();
    private readonly List<GatewayProxiedSensor> _proxied = new();
    private readonly ChainMath _chain = new(new HostHmacSha256());
    private int _outageCount;
    private int _rebootCount;

    public ScenarioRun(ScenarioDefinition definition, RunOptions? options = null)
    {
        options ??= new RunOptions();
        Definition = definition;
        Seed = options.Seed ?? definition.Seed;
        DeviceCount = options.Devices ?? definition.Devices;
        IntervalSeconds = options.IntervalSeconds ?? definition.IntervalSeconds;
        Duration = TimeSpan.FromMinutes(options.DurationMinutes ?? definition.DurationMinutes);
        Path = ScenarioCatalogue.ParsePath(definition.Path);
        Scheduler = options.Scheduler ?? new VirtualScheduler();
        Broker = options.Uplinks == null ? options.Broker ?? new InMemoryBroker(Scheduler, Seed) : options.Broker;
        Uplinks = options.Uplinks ?? new InMemoryUplinkFactory(Broker!);
        Context = new BoardContext(Scheduler, Uplinks, Seed, options.ProgramFactory ?? CoreAgentProgram.Create);
        Context.Notable += (board, what) => Notify($"{board.Name}: {what}");
        Build();
    }

    public ScenarioDefinition Definition { get; }
    public ulong Seed { get; }
    public int DeviceCount { get; }
    public double IntervalSeconds { get; }
    public TimeSpan Duration { get; }
    public LinkPath Path { get; }
    public ISimulationScheduler Scheduler { get; }
    /// <summary>The in-memory broker, or null when the run goes to a real broker.</summary>
    public InMemoryBroker? Broker { get; }
    public IUplinkFactory Uplinks { get; }
    public BoardContext Context { get; }
    public ScenarioRoles Roles { get; } = new();
    public IReadOnlyList<SimulatedBoard> Devices => _devices;
    public IReadOnlyList<SimulatedBoard> Gateways => _gateways;
    public IReadOnlyList<SimulatedBoard> ExtraBoards => _extraBoards;
    public IReadOnlyList<IScenarioAttack> Attacks => _attacks;
    /// <summary>The plain sensors behind gateways, each with its proxied device id and gateway (the pairs a policy registers).</summary>
    public IReadOnlyList<GatewayProxiedSensor> Proxied => _proxied;

    /// <summary>Parts of the scenario left out because the command line asked for fewer devices.</summary>
    public List<string> Skipped { get; } = new();

    /// <summary>Notable events as they happen, with the true time in µs: boots, reboots, attacks.</summary>
    public event Action<long, string>? Notable;

    public BoardSettings DeviceSettings => BoardSettings.Default with { IntervalMs = (int)(IntervalSeconds * 1000), LightSleep = Definition.LightSleep };

    public long MinutesToUs(double minutes) => (long)(minutes * MicrosecondsPerMinute);

    public void Notify(string text) => Notable?.Invoke(Scheduler.NowUs, text);

    /// <summary>The id a chip id gives (DESIGN.md "The chain": first 8 bytes of K("AQ1/id", chip id)).</summary>
    public ulong DeviceIdOf(SimulatedBoard board) => _chain.DeviceId(board.Profile.ChipId, 0, board.Profile.ChipId.Length);

    /// <summary>A random stream of the run for an attack or a part, named by <paramref name="purpose"/>.</summary>
    public SeededRandom Random(string purpose, int index = 0) =>
        SeededRandom.Derive(Seed, StableHash(purpose), (ulong)index);

    /// <summary>FNV-1a: string.GetHashCode is randomised per process and would break reproducibility.</summary>
    private static ulong StableHash(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }

    /// <summary>An attacker's own connection to the broker, on the scenario's path.</summary>
    public IUplink ConnectAttacker(string label) => Uplinks.Connect(label, $"sim-{label}", Path, NetworkConditions(Array.Empty<OutageWindow>()));

    /// <summary>A board that is not one of the fleet (a clone, a Sybil identity), with its own unit draw.</summary>
    public SimulatedBoard AddBoard(string name, int unitIndex, BoardModel model, BoardSettings? settings = null, byte[]? chipId = null)
    {
        UnitProfile profile = UnitProfile.Draw(Seed, unitIndex, model, Definition.ChipIdBase);
        if (chipId != null) profile = profile with { ChipId = chipId };
        SimulatedBoard board = new(name, profile, settings ?? DeviceSettings, Context, Path, NetworkConditions(Array.Empty<OutageWindow>()));
        _extraBoards.Add(board);
        return board;
    }

    /// <summary>Runs to the scenario's end (or cancellation) and sums up what happened.</summary>
    public ScenarioReport Run(CancellationToken cancellation = default)
    {
        System.Diagnostics.Stopwatch wall = System.Diagnostics.Stopwatch.StartNew();
        long end = Scheduler.IsVirtual ? (long)(Duration.TotalMilliseconds * 1000) : Scheduler.NowUs + (long)(Duration.TotalMilliseconds * 1000);
        long events = Scheduler.RunUntil(end, cancellation);
        return ScenarioReport.FromRun(this, events, wall.Elapsed);
    }

    private void Build()
    {
        ScenarioDefinition d = Definition;
        SeededRandom starts = Random("boot-offsets");
        long intervalUs = (long)(IntervalSeconds * 1_000_000);
        for (int i = 0; i < DeviceCount; i++)
        {
            BoardModel kind = ScenarioCatalogue.ParseBoard(d.BoardKinds[i % d.BoardKinds.Length]);
            OutageWindow[] outages = d.Outages.Where(o => o.Device == i)
                .Select(o => new OutageWindow(MinutesToUs(o.AtMinute), MinutesToUs(o.AtMinute + o.ForMinutes))).ToArray();
            _outageCount += outages.Length;
            SimulatedBoard board = new($"dev-{i:D4}", UnitProfile.Draw(Seed, i, kind, Definition.ChipIdBase), DeviceSettings, Context, Path, NetworkConditions(outages));
            _devices.Add(board);
            // Boards come up spread over the first interval, as a fleet powered on together does.
            board.PowerOnAt((long)(starts.NextDouble() * intervalUs));
        }
        for (int g = 0; g < d.Gateways; g++)
        {
            SimulatedBoard gateway = new($"gw-{g:D2}", UnitProfile.Draw(Seed, 100_000 + g, BoardModel.Esp32DevKitC, Definition.ChipIdBase),
                DeviceSettings with { Role = BoardRole.Gateway }, Context, Path, NetworkConditions(Array.Empty<OutageWindow>()));
            _gateways.Add(gateway);
            Roles["witness"].Add(DeviceIdOf(gateway), gateway.Name);
            gateway.PowerOnAt((long)(starts.NextDouble() * intervalUs));
        }
        BuildProxiedSensors(starts, intervalUs);
        foreach (RebootSpec reboot in d.Reboots.Where(r => r.Device >= DeviceCount))
        {
            Skipped.Add($"reboot of device {reboot.Device} (the run has {DeviceCount} devices)");
        }
        foreach (OutageSpec outage in d.Outages.Where(o => o.Device >= DeviceCount))
        {
            Skipped.Add($"outage of device {outage.Device} (the run has {DeviceCount} devices)");
        }
        foreach (RebootSpec reboot in d.Reboots.Where(r => r.Device < DeviceCount))
        {
            SimulatedBoard board = _devices[reboot.Device];
            Roles["rebooted"].Add(DeviceIdOf(board), board.Name);
            ResetCause cause = Enum.Parse<ResetCause>(reboot.Cause, ignoreCase: true);
            Scheduler.At(MinutesToUs(reboot.AtMinute), () => { _rebootCount++; board.Reboot(cause); });
        }
        foreach (AttackSpec spec in d.Attacks)
        {
            int lastTarget = spec.Target + (spec.Kind == "clone" ? spec.Count - 1 : 0);
            bool needsTarget = spec.Kind != "sybil" && spec.Kind != "lying-witness";
            int pool = spec.OnGateway ? _gateways.Count : DeviceCount;
            if (needsTarget && lastTarget >= pool)
            {
                throw new ScenarioException($"{d.Name}: attack {spec.Kind} targets {(spec.OnGateway ? "gateway" : "device")} {lastTarget}, but the run has {pool}");
            }
            IScenarioAttack attack = AttackCatalogue.Create(spec.Kind);
            attack.Install(this, spec);
            _attacks.Add(attack);
        }
        foreach (SimulatedBoard board in _devices)
        {
            ulong id = DeviceIdOf(board);
            bool named = Roles.All.Values.Any(r => r.DeviceIds.Contains(id));
            if (!named) Roles["honest"].Add(id, board.Name);
        }
    }

    /// <summary>Each plain sensor starts within its first period; its gateway makes its first frame one interval after
    /// the gateway's own power-on spread, so that the gateway's chain is usually known first (it need not be).</summary>
    private void BuildProxiedSensors(SeededRandom starts, long intervalUs)
    {
        for (int i = 0; i < Definition.ProxiedSensors.Length; i++)
        {
            ProxiedSensorSpec spec = Definition.ProxiedSensors[i];
            SimulatedBoard gateway = _gateways[spec.Gateway];
            string topic = spec.Topic.Length > 0 ? spec.Topic : $"plant/{i}/temperature";
            var sensor = new PlainSensor(spec, Random("proxied-sensor", i));
            var proxied = new GatewayProxiedSensor(gateway, DeviceIdOf(gateway), topic, sensor, Scheduler, Random("proxied-entropy", i),
                intervalUs, DeviceSettings.RequestedScope);
            _proxied.Add(proxied);
            Roles["proxied"].Add(proxied.DeviceId, gateway.Name);
            Roles["gateway"].Add(DeviceIdOf(gateway), gateway.Name);
            proxied.Start((long)(starts.NextDouble() * spec.PeriodSeconds * 1_000_000), intervalUs + (long)(starts.NextDouble() * intervalUs));
        }
    }

    /// <summary>Outage windows the scenario put on the fleet's connections.</summary>
    public int OutageCount => _outageCount;

    /// <summary>Reboots that happened so far (scheduled ones and a reboot storm's).</summary>
    public int RebootCount => _rebootCount;

    /// <summary>Counts a reboot done by an attack (reboot storm) in the summary.</summary>
    public void CountReboot() => _rebootCount++;

    private LinkConditions NetworkConditions(OutageWindow[] outages)
    {
        NetworkSpec n = Definition.Network;
        DelayDistribution delay = new(n.DelayFloorMs, n.DelayMedianExtraMs, n.DelaySpread);
        return new LinkConditions
        {
            UplinkDelay = delay,
            DownlinkDelay = delay,
            PublishLossProbability = n.LossPercent / 100,
            AckLossProbability = n.AckLossPercent / 100,
            Outages = outages,
        };
    }
}
