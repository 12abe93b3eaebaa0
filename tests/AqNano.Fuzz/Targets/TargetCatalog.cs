namespace AqNano.Fuzz.Targets;

/// <summary>The fuzz targets by name, as the command line and run-afl.sh name them.</summary>
public static class TargetCatalog
{
    public static readonly string[] Names = ["parser", "ingest", "canary"];

    public static IFuzzTarget Create(string name) => name switch
    {
        "parser" => new ParserFuzzTarget(),
        "ingest" => Ingest.FleetVerifierRig.Target(),
        "canary" => new CanaryFuzzTarget(),
        _ => throw new ArgumentException($"unknown target '{name}'; known: {string.Join(", ", Names)}", nameof(name)),
    };
}
