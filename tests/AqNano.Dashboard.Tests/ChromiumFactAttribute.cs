namespace AqNano.Dashboard.Tests;

/// <summary>A fact that needs Debian's chromium; skipped with the reason where it is missing
/// (no browser is ever downloaded).</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Executable = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Executable))
        {
            Skip = $"{Executable} is not installed (apt-get install chromium); .ci/run installs it so that CI runs the browser tests";
        }
    }
}
