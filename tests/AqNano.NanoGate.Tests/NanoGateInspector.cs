using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AqNano.NanoGate.Tests;

/// <summary>The gate's two halves in one place (DESIGN.md "nanoFramework-safe C#"): compile
/// C# the way tests/AqNano.NanoGate does (C# 9, NANOFRAMEWORK_1_0, nanoFramework's mscorlib
/// as the only reference, warnings as errors), and inspect an assembly's metadata for what
/// compiles against that mscorlib but the nanoFramework 1.x runtime cannot run: generic
/// definitions and instantiations, and references to any assembly but mscorlib.</summary>
public static class NanoGateInspector
{
    private const byte GenericInstCallingConvention = 0x0A; // ECMA-335 II.23.2.15 MethodSpec blob

    public static GateResult InspectAssembly(string path)
    {
        using var stream = File.OpenRead(path);
        return Inspect(stream);
    }

    public static GateResult CompileAndInspect(string source, string mscorlibPath) =>
        CompileAndInspect([source], mscorlibPath);

    public static GateResult CompileAndInspect(IEnumerable<string> sources, string mscorlibPath)
    {
        var parse = new CSharpParseOptions(LanguageVersion.CSharp9, preprocessorSymbols: ["NANOFRAMEWORK_1_0"]);
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Disable,
            generalDiagnosticOption: ReportDiagnostic.Error,
            deterministic: true);
        var compilation = CSharpCompilation.Create("NanoSnippet",
            sources.Select(source => CSharpSyntaxTree.ParseText(source, parse)),
            [MetadataReference.CreateFromFile(mscorlibPath)],
            options);
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var errors = emitted.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => $"{d.Id}: {d.GetMessage()}")
            .ToList();
        if (!emitted.Success)
        {
            return new GateResult(errors.Count > 0 ? errors : ["emit failed"], [], []);
        }
        image.Position = 0;
        return Inspect(image);
    }

    public static GateResult Inspect(Stream assembly)
    {
        using var pe = new PEReader(assembly, PEStreamOptions.LeaveOpen);
        var reader = pe.GetMetadataReader();
        var violations = new List<string>();
        var finder = new GenericUseFinder();

        foreach (var handle in reader.AssemblyReferences)
        {
            string name = reader.GetString(reader.GetAssemblyReference(handle).Name);
            if (name != "mscorlib") violations.Add($"assembly reference {name}");
        }

        var typeNames = new List<string>();
        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            string name = finder.GetTypeFromDefinition(reader, handle, 0);
            typeNames.Add(name);
            if (type.GetGenericParameters().Count > 0) violations.Add($"generic type definition {name}");
            foreach (var fieldHandle in type.GetFields())
            {
                reader.GetFieldDefinition(fieldHandle).DecodeSignature(finder, null);
            }
        }

        foreach (var handle in reader.MethodDefinitions)
        {
            var method = reader.GetMethodDefinition(handle);
            if (method.GetGenericParameters().Count > 0)
            {
                violations.Add($"generic method definition {reader.GetString(method.Name)}");
            }
            method.DecodeSignature(finder, null);
        }

        foreach (var handle in reader.MemberReferences)
        {
            var member = reader.GetMemberReference(handle);
            if (member.GetKind() == MemberReferenceKind.Method) member.DecodeMethodSignature(finder, null);
            else member.DecodeFieldSignature(finder, null);
        }

        // TypeSpecs carry every instantiated base type, interface and member parent.
        for (int row = 1; row <= reader.GetTableRowCount(TableIndex.TypeSpec); row++)
        {
            reader.GetTypeSpecification(MetadataTokens.TypeSpecificationHandle(row)).DecodeSignature(finder, null);
        }

        for (int row = 1; row <= reader.GetTableRowCount(TableIndex.MethodSpec); row++)
        {
            var spec = reader.GetMethodSpecification(MetadataTokens.MethodSpecificationHandle(row));
            var blob = reader.GetBlobReader(spec.Signature);
            string form = blob.ReadByte() == GenericInstCallingConvention ? "GENERICINST" : "unexpected form";
            violations.Add($"generic method instantiation ({form}) in MethodSpec row {row}");
        }

        for (int row = 1; row <= reader.GetTableRowCount(TableIndex.StandAloneSig); row++)
        {
            var signature = reader.GetStandaloneSignature(MetadataTokens.StandaloneSignatureHandle(row));
            if (signature.GetKind() == StandaloneSignatureKind.LocalVariables) signature.DecodeLocalSignature(finder, null);
            else signature.DecodeMethodSignature(finder, null);
        }

        violations.AddRange(finder.Found.Distinct());
        return new GateResult([], violations, typeNames);
    }
}
