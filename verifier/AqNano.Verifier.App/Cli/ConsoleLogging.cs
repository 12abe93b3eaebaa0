using Microsoft.Extensions.Logging;

namespace AqNano.Verifier.App.Cli;

/// <summary>Structured logs on stderr: one line per event as text, or JSON lines with --json-logs.</summary>
public static class ConsoleLogging
{
    public static ILoggerFactory Create(bool json, LogLevel minimum) => LoggerFactory.Create(logging =>
    {
        logging.SetMinimumLevel(minimum);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("MQTTnet", LogLevel.Warning);
        if (json) logging.AddJsonConsole(o => { o.IncludeScopes = false; o.TimestampFormat = "O"; });
        else logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    });
}
