namespace AqNano.Simulator.Capture;

/// <summary>One captured frame (issue 4 item 6): when, where, the bytes, over which path and by
/// which connection, so that a run can be replayed into the verifier offline.</summary>
public sealed record CaptureLine(long UnixMs, string Topic, byte[] Frame, string Path, string Connection);
