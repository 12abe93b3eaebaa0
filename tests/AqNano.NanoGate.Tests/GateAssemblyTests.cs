namespace AqNano.NanoGate.Tests;

/// <summary>The built gate assembly (shared/ protocol, firmware Core, boards compiled against
/// nanoFramework's mscorlib) holds nothing the nanoFramework 1.x runtime cannot load.</summary>
public class GateAssemblyTests
{
    [Fact]
    public void GateAssemblyHasNoGenericsAndReferencesOnlyMscorlib()
    {
        var result = NanoGateInspector.InspectAssembly(NanoGatePaths.GateAssembly);
        Assert.True(result.Passed, result.ToString());
    }

    [Theory]
    [InlineData("AqNano.Protocol.Frames.FrameCodec")]
    [InlineData("AqNano.Protocol.Frames.Frame")]
    [InlineData("AqNano.Protocol.Chain.ChainMath")]
    [InlineData("AqNano.Protocol.Chain.PortableHmacSha256")]
    [InlineData("AqNano.Protocol.Chain.Sha256")]
    [InlineData("AqNano.Protocol.Topics")]
    [InlineData("AqNano.Firmware.Core.Ports.IUplink")]
    public void GateAssemblyContainsTheCodeItGuards(string typeName)
    {
        // Without this a gate that compiled nothing would pass.
        var result = NanoGateInspector.InspectAssembly(NanoGatePaths.GateAssembly);
        Assert.Contains(typeName, result.TypeNames);
    }

    [Fact]
    public void GateAssemblyWasBuiltAgainstNanoFrameworkMscorlib()
    {
        // The mscorlib the gate references must be nanoFramework's (version 1.x), not .NET's.
        using var stream = File.OpenRead(NanoGatePaths.GateAssembly);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var reader = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var mscorlib = Assert.Single(reader.AssemblyReferences.Select(reader.GetAssemblyReference));
        Assert.Equal("mscorlib", reader.GetString(mscorlib.Name));
        Assert.Equal(ExpectedMscorlibVersion(), mscorlib.Version);
    }

    private static Version ExpectedMscorlibVersion() =>
        System.Reflection.AssemblyName.GetAssemblyName(NanoGatePaths.Mscorlib).Version!;
}
