using AqNano.Simulator.Models;

namespace AqNano.Simulator.Scenarios.Attacks;

/// <summary>"sybil": Count fresh identities (boards with drawn chip ids running the same firmware)
/// appear at once at the attack's minute. Each is a new device, at most restricted; the verifier's
/// identity rate limits and allowlists decide the rest.</summary>
public sealed class SybilAttack : AttackBase
{
    public override string Kind => "sybil";

    protected override void Setup(ScenarioRun run, AttackSpec spec)
    {
        long start = run.MinutesToUs(spec.AtMinute);
        SeededRandom offsets = run.Random("sybil");
        for (int i = 0; i < spec.Count; i++)
        {
            var board = run.AddBoard($"sybil-{i:D3}", 300_000 + i, BoardModel.Esp32DevKitC);
            run.Roles["sybil"].Add(run.DeviceIdOf(board), board.Name);
            board.PowerOnAt(start + (long)(offsets.NextDouble() * 1_000_000));
        }
        ActionCount = spec.Count;
        run.Scheduler.At(start, () => Note($"{spec.Count} fresh identities power on within a second"));
    }
}
