namespace AqNano.NanoGate.Tests;

/// <summary>What the gate said about one assembly: compiler errors (empty when it was
/// given a built assembly), metadata violations, and the type names it found, so that
/// a test can tell a clean pass from an empty, vacuous one.</summary>
public sealed record GateResult(
    IReadOnlyList<string> CompileErrors,
    IReadOnlyList<string> Violations,
    IReadOnlyList<string> TypeNames)
{
    public bool Compiled => CompileErrors.Count == 0;

    public bool Passed => Compiled && Violations.Count == 0;

    public override string ToString() =>
        Passed ? $"passed ({TypeNames.Count} types)"
               : string.Join(Environment.NewLine, CompileErrors.Concat(Violations));
}
