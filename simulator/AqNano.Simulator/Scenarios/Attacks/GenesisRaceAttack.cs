using AqNano.Firmware.Core.Ports;
using AqNano.Protocol;

namespace AqNano.Simulator.Scenarios.Attacks;

/// <summary>"genesis-race": the target's id is public (it derives from its MAC), so an attacker sends
/// a Genesis for it before the device first boots, and keeps its forged chain going every interval.
/// The device powers on at the attack's minute; its own Genesis is for an id already known: a
/// candidate that never displaces a live epoch (DESIGN.md "impostor Genesis").</summary>
public sealed class GenesisRaceAttack : AttackBase
{
    public override string Kind => "genesis-race";

    protected override void Setup(ScenarioRun run, AttackSpec spec)
    {
        var target = run.Devices[spec.Target];
        ulong id = run.DeviceIdOf(target);
        run.Roles["target"].Add(id, target.Name);
        run.Roles["attacker"].Add(id, "attacker-genesis");
        target.BootNotBeforeUs = run.MinutesToUs(spec.AtMinute);
        FrameForge forge = new(run.Random("genesis-race", spec.Target));
        IUplink? attacker = null;
        long intervalUs = (long)(run.IntervalSeconds * 1_000_000);
        long startUs = 1_000;
        string topic = Topics.Observation(id);
        void Send(bool genesis)
        {
            attacker ??= run.ConnectAttacker("attacker-genesis");
            ulong uptime = (ulong)(run.Scheduler.NowUs - startUs + 5_000_000);
            byte[] frame = genesis ? forge.Genesis(id, uptime, Scopes.All) : forge.Next(uptime);
            if (attacker.Publish(topic, frame, 0, frame.Length, false)) ActionCount++;
            run.Scheduler.At(run.Scheduler.NowUs + intervalUs, () => Send(false));
        }
        run.Scheduler.At(startUs, () =>
        {
            Send(true);
            Note($"sent a Genesis for {target.Name}'s id {Hex.FromWire(id)} before the device booted");
        });
    }
}
