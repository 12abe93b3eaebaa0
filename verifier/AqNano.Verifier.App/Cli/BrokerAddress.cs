namespace AqNano.Verifier.App.Cli;

/// <summary>Reads `--broker mqtt://host:port` (or mqtts://); anything else is refused with why.</summary>
public static class BrokerAddress
{
    public static bool TryParse(string text, out Uri? broker, out string error)
    {
        broker = null;
        error = "";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != "mqtt" && uri.Scheme != "mqtts"))
        {
            error = $"--broker must look like mqtt://host:port or mqtts://host:port, not '{text}'";
            return false;
        }
        if (uri.AbsolutePath.Length > 1 || uri.Query.Length > 0 || !string.IsNullOrEmpty(uri.UserInfo))
        {
            error = $"--broker takes only scheme, host and port (credentials go in --broker-user/--broker-password): '{text}'";
            return false;
        }
        broker = uri.Port > 0 ? uri : new UriBuilder(uri) { Port = uri.Scheme == "mqtts" ? 8883 : 1883 }.Uri;
        return true;
    }
}
