namespace AqNano.Simulator.Scenarios;

/// <summary>Device <see cref="Device"/>'s network is down from <see cref="AtMinute"/> for <see cref="ForMinutes"/>.</summary>
public sealed record OutageSpec(int Device, double AtMinute, double ForMinutes);
