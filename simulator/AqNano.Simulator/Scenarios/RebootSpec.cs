namespace AqNano.Simulator.Scenarios;

/// <summary>Device <see cref="Device"/> loses power or resets at <see cref="AtMinute"/> ("PowerOn",
/// "Brownout", "Watchdog", "Software").</summary>
public sealed record RebootSpec(int Device, double AtMinute, string Cause = "Software");
