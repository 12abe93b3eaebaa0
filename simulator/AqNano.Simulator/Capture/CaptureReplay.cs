using AqNano.Simulator.Network;

namespace AqNano.Simulator.Capture;

/// <summary>Feeds captured lines, in order, to a publish interceptor exactly as the in-memory broker
/// would have handed them over (topic, bytes, connection label, path, receive time): the offline
/// replay of a run into the verifier that issue 4 item 6 asks the capture to allow.</summary>
public static class CaptureReplay
{
    /// <summary>Returns how many publishes the interceptor forwarded and refused.</summary>
    public static (long Forwarded, long Refused) Into(IPublishInterceptor interceptor, IEnumerable<CaptureLine> lines)
    {
        long forwarded = 0, refused = 0;
        long? firstUnixMs = null;
        foreach (CaptureLine line in lines)
        {
            firstUnixMs ??= line.UnixMs;
            InterceptedPublish publish = new(
                line.Topic,
                (byte[])line.Frame.Clone(),
                Retain: false,
                line.Connection,
                ClientId: line.Connection,
                line.Path == "confidential" ? LinkPath.Confidential : LinkPath.Open,
                line.UnixMs,
                (line.UnixMs - firstUnixMs.Value) * 1000);
            if (interceptor.Intercept(publish) == PublishDecision.Forward) forwarded++;
            else refused++;
        }
        return (forwarded, refused);
    }
}
