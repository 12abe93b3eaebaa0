namespace AqNano.Verifier.App.Dashboard;

/// <summary>A dashboard login. Viewers see; operators also revoke and reinstate (issue 6 item 4).</summary>
public sealed record DashboardUser(string Name, string Password, string Role)
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
}
