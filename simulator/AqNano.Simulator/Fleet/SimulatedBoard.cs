using AqNano.Firmware.Core.Agent;
using AqNano.Firmware.Core.Ports;
using AqNano.Protocol.Frames;
using AqNano.Simulator.Models;
using AqNano.Simulator.Network;

namespace AqNano.Simulator.Fleet;

/// <summary>One simulated board: the firmware program on modelled hardware, woken by the scheduler
/// whenever the program says it has work. Power cycles lose the program's RAM (a new program, a
/// new epoch, a new connection with a fresh client id: DESIGN.md "Ownership"); a clone starts from
/// a copy of another board's RAM.</summary>
public sealed class SimulatedBoard
{
    private readonly BoardContext _context;
    private const long LightSleepThresholdUs = 1_000_000;
    private int _generation;
    private IUplink? _rawLink;
    private long _wakeToken;
    private long _nextWakeAtUs;
    private string _lastStatus = "";

    public SimulatedBoard(string name, UnitProfile profile, BoardSettings settings, BoardContext context, LinkPath path, LinkConditions conditions)
    {
        Name = name;
        Profile = profile;
        Settings = settings;
        Path = path;
        Conditions = conditions;
        _context = context;
        Hardware = new BoardHardware(profile, context.Scheduler, context.Air, settings.Role == BoardRole.Gateway, context.Seed);
        Hardware.BeaconPort = Hardware.Beacon;
        Hardware.Status.Changed += ReportStatus;
    }

    /// <summary>Status changes worth a line: not the routine boot sequence (gathering, then running),
    /// but uplink loss, back-off, entropy failures, and running again after any of them.</summary>
    private void ReportStatus(string status)
    {
        bool routine = status == StatusTexts.Gathering || status == StatusTexts.NotBooted
            || (status == StatusTexts.Running && (_lastStatus == StatusTexts.Gathering || _lastStatus.Length == 0));
        _lastStatus = status;
        if (!routine) _context.Report(this, "status: " + status);
    }

    public string Name { get; }
    public UnitProfile Profile { get; }
    public BoardSettings Settings { get; }
    public LinkPath Path { get; }
    public LinkConditions Conditions { get; }
    public BoardHardware Hardware { get; }
    public IBoardProgram? Program { get; private set; }
    public CountingUplink? Uplink { get; private set; }
    public int BootCount { get; private set; }
    public long StepCount { get; private set; }
    public bool IsRunning { get; private set; }

    /// <summary>The label of the current connection: board name and boot number.</summary>
    public string ConnectionLabel => $"{Name}#{BootCount}";

    /// <summary>Attacks that sit on this board's path (a man in the middle, an in-flight tamper)
    /// wrap the uplink here before the program gets it.</summary>
    public Func<IUplink, IUplink>? UplinkWrapper { get; set; }

    /// <summary>Every publish of this board the broker acknowledged (topic, a copy of the bytes): what
    /// an eavesdropper on its path sees. Copies are made only while someone listens.</summary>
    public event Action<SimulatedBoard, string, byte[]>? FrameSent;

    /// <summary>Power-on waits until this true time (the genesis race keeps the device late).</summary>
    public long BootNotBeforeUs { get; set; }

    /// <summary>Total publishes acknowledged over every boot.</summary>
    public long FramesAcknowledged { get; private set; }

    public void PowerOnAt(long atUs, ResetCause cause = ResetCause.PowerOn) =>
        _context.Scheduler.At(atUs, () => Boot(cause));

    /// <summary>Loses RAM and boots again now: a new epoch (DESIGN.md "reboot").</summary>
    public void Reboot(ResetCause cause)
    {
        PowerOff();
        Boot(cause, announce: false);
        _context.Report(this, $"reboot ({cause}), boot #{BootCount}");
    }

    public void PowerOff()
    {
        if (!IsRunning) return;
        IsRunning = false;
        _generation++;
        CollectCounts();
        if (_rawLink != null) _context.Uplinks.Disconnect(_rawLink);
        _rawLink = null;
        Program = null;
    }

    /// <summary>Starts this board from a copy of <paramref name="original"/>'s RAM state instead of
    /// booting: the clone attack. It gets its own connection and hardware; the chain is the original's.</summary>
    public void StartAsCloneOf(SimulatedBoard original)
    {
        if (original.Program == null) throw new InvalidOperationException($"{original.Name} is not running: nothing to clone");
        PowerOff();
        Start();
        Program!.CloneStateFrom(original.Program);
        _context.Report(this, $"cloned RAM of {original.Name} at seq {original.Program.LastSeq}");
        ScheduleWake(0);
    }

    private void Boot(ResetCause cause, bool announce = true)
    {
        if (_context.Scheduler.NowUs < BootNotBeforeUs)
        {
            _context.Scheduler.At(BootNotBeforeUs, () => Boot(cause, announce));
            return;
        }
        if (IsRunning) PowerOff();
        Hardware.ResetCause.Cause = cause;
        Hardware.Clock.Reboot();
        Start();
        Program!.Boot();
        if (announce) _context.Report(this, BootCount == 1 ? "power on" : $"power on, boot #{BootCount}");
        ScheduleWake(0);
    }

    private void Start()
    {
        BootCount++;
        // A real board draws its client id from its Genesis entropy, so no two boards share one. Board names
        // repeat across simulator processes (dev-0000 in each), so the run's seed is part of the id: the fleet
        // load script's four processes once took each other's sessions over ~2,800 times a second under
        // shared ids (docs/PERFORMANCE.md "Fleet load", run M).
        string clientId = $"sim-{_context.Seed:x}-{Name}-{BootCount}";
        IUplink link = _rawLink = _context.Uplinks.Connect(ConnectionLabel, clientId, Path, Conditions);
        if (link is INotifyingUplink notifying)
        {
            int generation = _generation;
            notifying.MessageArrived += () => _context.Scheduler.At(_context.Scheduler.NowUs, () => WakeOnMessage(generation));
        }
        if (UplinkWrapper != null) link = UplinkWrapper(link);
        Uplink = new CountingUplink(link);
        Uplink.Acknowledged += (topic, payload, offset, length) =>
        {
            // Obs frames apart from app telemetry: what the verifier's ledger must hold (issue 7 item 4).
            if (topic.EndsWith(AqNano.Protocol.Topics.ObservationSuffix, StringComparison.Ordinal)) ObservationsAcknowledged++;
            if (FrameSent != null) FrameSent(this, topic, payload.AsSpan(offset, length).ToArray());
        };
        Program = _context.ProgramFactory(Settings, Hardware, Uplink);
        IsRunning = true;
    }

    /// <summary>One pending wake at a time: a newer one (a message arrived) makes the older stale.</summary>
    private void ScheduleWake(long delayUs)
    {
        long token = ++_wakeToken;
        _nextWakeAtUs = _context.Scheduler.NowUs + delayUs;
        _context.Scheduler.At(_nextWakeAtUs, () => Wake(token));
    }

    /// <summary>Light sleep only where the setting asks for it and the chip has it (ESP32 family).</summary>
    private bool SleepsLightly => Settings.LightSleep && Profile.Kind == BoardKind.Esp32;

    private void WakeOnMessage(int generation)
    {
        if (generation != _generation || !IsRunning || _nextWakeAtUs <= _context.Scheduler.NowUs) return;
        ScheduleWake(0);
    }

    private void Wake(long token)
    {
        if (token != _wakeToken || !IsRunning || Program == null) return;
        if (Hardware.Clock.IsSleeping)
        {
            Hardware.Clock.EndSleep();
            Program.NotifySlept(true);
        }
        Hardware.Clock.BeginStep();
        Program.Step();
        StepCount++;
        // At least a millisecond between passes: the real loop sleeps until NextWakeUs, and a
        // program that asks for "now" again still pays a tick of the RTOS scheduler.
        long delay = Math.Max(1000, Hardware.Clock.TrueDelayUntil(Program.NextWakeUs));
        if (SleepsLightly && delay >= LightSleepThresholdUs)
        {
            Hardware.Clock.BeginSleep();
            delay = Math.Max(1000, Hardware.Clock.TrueDelayUntil(Program.NextWakeUs));
        }
        ScheduleWake(delay);
    }

    private void CollectCounts()
    {
        if (Uplink != null) FramesAcknowledged += Uplink.AcknowledgedCount;
    }

    /// <summary>Acknowledged obs frames (publishes on aq/v1/dev/{id}/obs), all boots.</summary>
    public long ObservationsAcknowledged { get; private set; }

    /// <summary>Acknowledged publishes including the current boot's.</summary>
    public long TotalAcknowledged => FramesAcknowledged + (IsRunning && Uplink != null ? Uplink.AcknowledgedCount : 0);
}
