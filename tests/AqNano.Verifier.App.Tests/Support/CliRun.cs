using System.CommandLine;
using AqNano.Verifier.App.Cli;

namespace AqNano.Verifier.App.Tests.Support;

/// <summary>Runs the `aqnano` command line in-process and keeps what it wrote to each stream.</summary>
public static class CliRun
{
    public static async Task<(int Code, string Output, string Errors)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        int code = await AqNanoCli.Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = errors });
        return (code, output.ToString(), errors.ToString());
    }
}
