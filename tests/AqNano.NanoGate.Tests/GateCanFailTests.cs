using Xunit.Abstractions;

namespace AqNano.NanoGate.Tests;

/// <summary>The gate must be able to fail (foundation issue, acceptance): each snippet is
/// compiled exactly as the gate compiles shared/ and inspected by the same check. Some
/// constructs fail at compile time (the API is missing from nanoFramework's mscorlib, or
/// C# 9 lacks the syntax), generics only at the metadata check.</summary>
public class GateCanFailTests(ITestOutputHelper output)
{
    private static GateResult Gate(string source) =>
        NanoGateInspector.CompileAndInspect(source, NanoGatePaths.Mscorlib);

    [Fact]
    public void PlainNanoSafeCodePasses()
    {
        var result = Gate("""
            namespace Good
            {
                public sealed class Counter
                {
                    private readonly byte[] _buffer = new byte[4];
                    public int Add(int a, int b) { _buffer[0] = (byte)a; return a + b; }
                    public static string Name() { return "counter"; }
                }
            }
            """);
        Assert.True(result.Passed, result.ToString());
        Assert.Contains("Good.Counter", result.TypeNames);
    }

    [Fact]
    public void GenericClassCompilesButTheMetadataCheckRejectsIt()
    {
        var result = Gate("namespace Bad { public class Box<T> { public T Value; } }");
        Assert.True(result.Compiled, result.ToString());
        Assert.Contains(result.Violations, v => v.StartsWith("generic type definition Bad.Box"));
    }

    [Fact]
    public void GenericMethodCompilesButTheMetadataCheckRejectsIt()
    {
        var result = Gate("namespace Bad { public static class Util { public static T Same<T>(T x) { return x; } public static int Use() { return Same(1); } } }");
        Assert.True(result.Compiled, result.ToString());
        Assert.Contains(result.Violations, v => v.StartsWith("generic method definition Same"));
        Assert.Contains(result.Violations, v => v.Contains("MethodSpec"));
    }

    [Fact]
    public void InstantiatingAGenericTypeFromMscorlibIsRejected()
    {
        // nanoFramework's mscorlib carries Action<T> in its metadata, but the 1.x runtime has no generics.
        var result = Gate("namespace Bad { public static class Use { public static void Run(System.Action<int> a) { a(1); } } }");
        Assert.True(result.Compiled, result.ToString());
        Assert.Contains(result.Violations, v => v.StartsWith("generic instantiation System.Action`1<Int32>"));
    }

    [Theory]
    [InlineData("List<int>", "using System.Collections.Generic; namespace Bad { public class C { public List<int> Items = new List<int>(); } }")]
    [InlineData("async method", "namespace Bad { public class C { public async System.Threading.Tasks.Task Run() { await System.Threading.Tasks.Task.Delay(1); } } }")]
    [InlineData("async void", "namespace Bad { public class C { public async void Run() { } } }")]
    [InlineData("file-scoped namespace", "namespace Bad; public class C { }")]
    [InlineData("LINQ", "using System.Linq; namespace Bad { public class C { public int Sum(int[] a) { return a.Sum(); } } }")]
    [InlineData("Span<byte>", "namespace Bad { public class C { public int First(System.Span<byte> s) { return s[0]; } } }")]
    [InlineData("Math", "namespace Bad { public class C { public double Root(double x) { return System.Math.Sqrt(x); } } }")]
    [InlineData("StringBuilder", "namespace Bad { public class C { public string Make() { return new System.Text.StringBuilder().ToString(); } } }")]
    [InlineData("record", "namespace Bad { public record Point(int X, int Y); }")]
    [InlineData("tuple", "namespace Bad { public class C { public (int, int) Pair() { return (1, 2); } } }")]
    public void ConstructsTheBoardLacksFailToCompile(string construct, string source)
    {
        var result = Gate(source);
        output.WriteLine(result.ToString());
        Assert.False(result.Passed, $"{construct} passed the gate");
        Assert.False(result.Compiled, $"{construct} compiled: {result}");
    }
}
