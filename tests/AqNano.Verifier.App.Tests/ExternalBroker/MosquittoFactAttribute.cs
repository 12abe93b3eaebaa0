namespace AqNano.Verifier.App.Tests.ExternalBroker;

/// <summary>A fact that needs Debian's mosquitto; skipped with the reason where it is missing.</summary>
public sealed class MosquittoFactAttribute : FactAttribute
{
    public const string Binary = "/usr/sbin/mosquitto";

    public MosquittoFactAttribute()
    {
        if (!File.Exists(Binary) || !File.Exists("/usr/bin/mosquitto_passwd"))
        {
            Skip = $"{Binary} is not installed (apt-get install mosquitto); .ci/run installs it so that CI runs this test";
        }
    }
}
