using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace AqNano.Firmware.Tests;

/// <summary>DESIGN.md "nanoFramework-safe C#": the 1.x runtime has no generics, and a generic
/// compiles cleanly against nanoFramework's mscorlib, so the built assemblies' metadata is read:
/// no generic parameters, no generic instantiations (TypeSpec GENERICINST), no MethodSpecs.</summary>
public sealed class NanoSafeMetadataTests
{
    private const byte ElementTypeGenericInstance = 0x15; // ECMA-335 II.23.1.16

    [Theory]
    [InlineData("AqNano.Firmware.Core.dll")]
    [InlineData("AqNano.Protocol.dll")]
    [InlineData("AqNano.Boards.dll")]
    public void The_assembly_uses_no_generics(string file)
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, file));
        using var pe = new PEReader(stream);
        MetadataReader reader = pe.GetMetadataReader();
        Assert.Equal(0, reader.GetTableRowCount(TableIndex.GenericParam));
        Assert.Equal(0, reader.GetTableRowCount(TableIndex.MethodSpec));
        var generic = new List<string>();
        for (int row = 1; row <= reader.GetTableRowCount(TableIndex.TypeSpec); row++)
        {
            TypeSpecification spec = reader.GetTypeSpecification(MetadataTokens.TypeSpecificationHandle(row));
            BlobReader blob = reader.GetBlobReader(spec.Signature);
            if (blob.ReadByte() == ElementTypeGenericInstance) generic.Add($"TypeSpec row {row}");
        }
        Assert.Empty(generic);
    }

    [Fact]
    public void A_generic_instantiation_would_be_caught()
    {
        // The check itself can fail: this test assembly uses List<T>.
        using var stream = File.OpenRead(typeof(NanoSafeMetadataTests).Assembly.Location);
        using var pe = new PEReader(stream);
        MetadataReader reader = pe.GetMetadataReader();
        bool found = false;
        for (int row = 1; row <= reader.GetTableRowCount(TableIndex.TypeSpec) && !found; row++)
        {
            BlobReader blob = reader.GetBlobReader(reader.GetTypeSpecification(MetadataTokens.TypeSpecificationHandle(row)).Signature);
            found = blob.ReadByte() == ElementTypeGenericInstance;
        }
        Assert.True(found);
    }
}
