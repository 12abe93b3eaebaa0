namespace AqNano.Fuzz.Targets;

/// <summary>A fuzz target's invariant did not hold for an input. Thrown, not returned, so that
/// AFL++ sees it as a crash exactly like an exception escaping the code under test.</summary>
public sealed class FuzzInvariantException(string message) : Exception(message);
