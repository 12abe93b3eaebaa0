namespace AqNano.Fuzz.Targets;

/// <summary>The fuzz targets by name, as the command line and run-afl.sh name them.</summary>
public static class TargetCatalog
{
    public static readonly string[] Names = ["parser", "ingest", "canary"];

    /// <summary>The frames a target's mutations start from: the vectors, and for the ingest a witness chain too.</summary>
    public static IReadOnlyList<byte[]> Seeds(string name) => name == "ingest" ? Ingest.FleetVerifierRig.Seeds() : Corpus.SeedCorpus.Load();

    /// <param name="forAfl">True under AFL++: the ingest target then primes a fresh verifier for every input.</param>
    public static IFuzzTarget Create(string name, bool forAfl = false) => name switch
    {
        "parser" => new ParserFuzzTarget(),
        "ingest" => Ingest.FleetVerifierRig.Target(inputsPerRig: forAfl ? 1 : 1_000),
        "canary" => new CanaryFuzzTarget(),
        _ => throw new ArgumentException($"unknown target '{name}'; known: {string.Join(", ", Names)}", nameof(name)),
    };
}
