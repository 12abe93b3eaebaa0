using System.Net;

namespace AqNano.Verifier.App.Dashboard;

/// <summary>Where the dashboard listens (loopback unless asked) and who may log in.</summary>
public sealed class DashboardOptions
{
    public IPAddress Listen { get; init; } = IPAddress.Loopback;
    /// <summary>0 lets the OS pick (tests); the chosen address is <see cref="DashboardServer.Address"/>.</summary>
    public int Port { get; init; } = 8080;
    public IReadOnlyList<DashboardUser> Users { get; init; } = [];
}
