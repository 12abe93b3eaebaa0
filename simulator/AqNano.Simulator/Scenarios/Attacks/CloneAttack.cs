using AqNano.Simulator.Fleet;

namespace AqNano.Simulator.Scenarios.Attacks;

/// <summary>"clone": at the attack's minute, a second board is given a copy of the target's RAM
/// (chain state, epoch, seq) and runs on from it over its own connection; with Count > 1, that many
/// consecutive targets from Target on (a compromised batch). DESIGN.md: whoever sends the next link
/// first is canonical, the other's frames conflict. The clone's timer has run since the run began,
/// close to the original's uptime: a careful attacker's clone, whose only tell is the conflict itself
/// (a clone booted just before would also show an uptime jump, which only adds evidence).</summary>
public sealed class CloneAttack : AttackBase
{
    public override string Kind => "clone";

    protected override void Setup(ScenarioRun run, AttackSpec spec)
    {
        for (int k = 0; k < spec.Count; k++)
        {
            SimulatedBoard target = spec.OnGateway ? run.Gateways[spec.Target + k] : run.Devices[spec.Target + k];
            // A cloned gateway keeps its role: the copy of its RAM is a gateway's (docs/ADOPTION.md "Gateway-mediated retrofit" "Attacks").
            SimulatedBoard clone = run.AddBoard($"clone-{target.Name}", 200_000 + spec.Target + k + (spec.OnGateway ? 50_000 : 0), target.Profile.Board,
                spec.OnGateway ? target.Settings : null);
            ulong id = run.DeviceIdOf(target);
            run.Roles["target"].Add(id, target.Name);
            run.Roles["clone"].Add(id, clone.Name);
            run.Scheduler.At(run.MinutesToUs(spec.AtMinute), () =>
            {
                if (!target.IsRunning || target.Program == null)
                {
                    Note($"{target.Name} not running at minute {spec.AtMinute}: nothing to clone");
                    return;
                }
                clone.StartAsCloneOf(target);
                ActionCount++;
                Note($"{clone.Name} runs on from {target.Name}'s RAM at seq {target.Program.LastSeq}");
            });
        }
    }
}
