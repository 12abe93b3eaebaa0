using System.Reflection;

namespace AqNano.NanoGate.Tests;

/// <summary>Paths the build wrote into this assembly (see the .csproj): the built gate
/// assembly, the package's nanoFramework mscorlib and the repository root.</summary>
internal static class NanoGatePaths
{
    public static string GateAssembly => Metadata("NanoGateAssembly");

    public static string Mscorlib => Metadata("NanoMscorlib");

    public static string RepositoryRoot => Metadata("RepositoryRoot");

    private static string Metadata(string key) =>
        typeof(NanoGatePaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"assembly metadata {key} is empty");
}
