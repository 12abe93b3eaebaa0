namespace AqNano.Fuzz.Targets;

/// <summary>One thing to fuzz: takes any bytes, throws when something is wrong (an exception of the
/// code under test or a <see cref="FuzzInvariantException"/>), and otherwise names the outcome so that
/// a campaign can count which paths it reached. By convention a refusal is named "{kind}:{reason}"
/// (one colon), anything taken in has no colon.</summary>
public interface IFuzzTarget
{
    string Name { get; }

    string Execute(byte[] input);
}
