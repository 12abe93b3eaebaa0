using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace AqNano.NanoGate.Tests;

/// <summary>Decodes signature blobs (ECMA-335 II.23.2) and records every generic
/// instantiation (ELEMENT_TYPE_GENERICINST, 0x15) and generic parameter (VAR, MVAR) it
/// meets, wherever it is nested: an array of List&lt;int&gt; is caught as well as a bare one.
/// The decoded "type" is just a readable name for the violation message.</summary>
internal sealed class GenericUseFinder : ISignatureTypeProvider<string, object?>
{
    private readonly List<string> _found = new();

    public IReadOnlyList<string> Found => _found;

    public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
    {
        string name = $"{genericType}<{string.Join(",", typeArguments)}>";
        _found.Add($"generic instantiation {name}");
        return name;
    }

    public string GetGenericTypeParameter(object? genericContext, int index)
    {
        _found.Add($"generic type parameter !{index}");
        return $"!{index}";
    }

    public string GetGenericMethodParameter(object? genericContext, int index)
    {
        _found.Add($"generic method parameter !!{index}");
        return $"!!{index}";
    }

    public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
        NameOf(reader, reader.GetTypeDefinition(handle).Namespace, reader.GetTypeDefinition(handle).Name);

    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) =>
        NameOf(reader, reader.GetTypeReference(handle).Namespace, reader.GetTypeReference(handle).Name);

    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();
    public string GetSZArrayType(string elementType) => elementType + "[]";
    public string GetArrayType(string elementType, ArrayShape shape) => $"{elementType}[{new string(',', shape.Rank - 1)}]";
    public string GetByReferenceType(string elementType) => elementType + "&";
    public string GetPointerType(string elementType) => elementType + "*";
    public string GetPinnedType(string elementType) => elementType + " pinned";
    public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
    public string GetFunctionPointerType(MethodSignature<string> signature) => "method*";

    private static string NameOf(MetadataReader reader, StringHandle ns, StringHandle name)
    {
        string space = reader.GetString(ns);
        return space.Length == 0 ? reader.GetString(name) : space + "." + reader.GetString(name);
    }
}
