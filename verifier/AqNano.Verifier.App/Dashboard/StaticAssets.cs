using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace AqNano.Verifier.App.Dashboard;

/// <summary>The dashboard's HTML, JS and CSS, embedded in the assembly (no front-end build step).</summary>
public static class StaticAssets
{
    private static readonly Assembly Assembly = typeof(StaticAssets).Assembly;

    public static IResult Page(string name) => Serve(name, "text/html; charset=utf-8");

    public static IResult Asset(string name) => name switch
    {
        _ when name.EndsWith(".js", StringComparison.Ordinal) => Serve(name, "text/javascript; charset=utf-8"),
        _ when name.EndsWith(".css", StringComparison.Ordinal) => Serve(name, "text/css; charset=utf-8"),
        _ => Results.NotFound(),
    };

    private static IResult Serve(string name, string contentType)
    {
        // Only names embedded at build time resolve: no path from the request reaches the file system.
        using var stream = Assembly.GetManifestResourceStream("AqNano.Dashboard." + name);
        if (stream == null) return Results.NotFound();
        using var reader = new StreamReader(stream);
        return Results.Text(reader.ReadToEnd(), contentType);
    }
}
