using AqNano.Protocol;
using AqNano.Protocol.Frames;
using AqNano.Simulator.Capture;
using AqNano.Simulator.Scenarios;

namespace AqNano.Simulator.Tests;

/// <summary>A scenario run in virtual time with every publish the broker received captured, and
/// the captured frames parsed for the checks that need no verifier.</summary>
internal sealed class CapturedRun
{
    private CapturedRun(ScenarioRun run, ScenarioReport report, string capture)
    {
        Run = run;
        Report = report;
        CaptureText = capture;
        Lines = CaptureReader.Read(new StringReader(capture)).ToList();
    }

    public ScenarioRun Run { get; }
    public ScenarioReport Report { get; }
    public string CaptureText { get; }
    public List<CaptureLine> Lines { get; }

    public static CapturedRun Of(string scenario, RunOptions? options = null) => Of(ScenarioCatalogue.Find(scenario), options);

    public static CapturedRun Of(ScenarioDefinition definition, RunOptions? options = null)
    {
        ScenarioRun run = new(definition, options);
        StringWriter text = new();
        using (CaptureWriter writer = new(text))
        {
            Simulator.Capture.BrokerCapture.Attach(run.Broker!, writer);
            ScenarioReport report = run.Run();
            return new CapturedRun(run, report, text.ToString());
        }
    }

    /// <summary>Parsed chain frames on obs topics, with the capture line they came in.</summary>
    public IEnumerable<(CaptureLine Line, Frame Frame)> ObsFrames(Func<CaptureLine, bool>? where = null)
    {
        foreach (CaptureLine line in Lines)
        {
            if (!line.Topic.EndsWith(Topics.ObservationSuffix, StringComparison.Ordinal) || (where != null && !where(line))) continue;
            Frame frame = new();
            if (FrameCodec.TryParse(line.Frame, 0, line.Frame.Length, frame, out _)) yield return (line, frame);
        }
    }

    public static bool From(CaptureLine line, string sender) => line.Connection.StartsWith(sender + "#", StringComparison.Ordinal) || line.Connection == sender;

    public ulong IdOf(string role) => Run.Roles[role].DeviceIds.Single();
}
