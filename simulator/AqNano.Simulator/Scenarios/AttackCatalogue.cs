using AqNano.Simulator.Scenarios.Attacks;

namespace AqNano.Simulator.Scenarios;

/// <summary>The attack kinds a scenario file may name, each a small class under Attacks/.</summary>
public static class AttackCatalogue
{
    private static readonly Dictionary<string, Func<IScenarioAttack>> Factories = new(StringComparer.Ordinal)
    {
        ["clone"] = () => new CloneAttack(),
        ["replay"] = () => new ReplayAttack(),
        ["mitm"] = () => new ManInTheMiddleAttack(),
        ["lying-witness"] = () => new LyingWitnessAttack(),
        ["tamper"] = () => new TamperAttack(),
        ["reboot-storm"] = () => new RebootStormAttack(),
        ["dormancy"] = () => new DormancyAttack(),
        ["malformed-flood"] = () => new MalformedFloodAttack(),
        ["spoofed-decision"] = () => new SpoofedDecisionAttack(),
        ["eavesdropper"] = () => new EavesdropperAttack(),
        ["genesis-race"] = () => new GenesisRaceAttack(),
        ["sybil"] = () => new SybilAttack(),
    };

    public static IReadOnlyCollection<string> Kinds => Factories.Keys;

    public static IScenarioAttack Create(string kind) =>
        Factories.TryGetValue(kind, out Func<IScenarioAttack>? factory) ? factory() : throw new ScenarioException($"unknown attack '{kind}'");
}
