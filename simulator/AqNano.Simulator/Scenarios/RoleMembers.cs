namespace AqNano.Simulator.Scenarios;

/// <summary>Who plays one role in a run: the device ids its frames carry and the connections
/// (board names; a board's connection labels are "name#boot") it sends from.</summary>
public sealed class RoleMembers
{
    private readonly HashSet<ulong> _deviceIds = new();
    private readonly HashSet<string> _senders = new(StringComparer.Ordinal);

    public IReadOnlyCollection<ulong> DeviceIds => _deviceIds;
    public IReadOnlyCollection<string> Senders => _senders;

    public void Add(ulong deviceId, string sender)
    {
        _deviceIds.Add(deviceId);
        _senders.Add(sender);
    }

    public void AddSender(string sender) => _senders.Add(sender);

    /// <summary>True when <paramref name="connectionLabel"/> is one of this role's connections.</summary>
    public bool Sent(string connectionLabel)
    {
        int hash = connectionLabel.IndexOf('#');
        return _senders.Contains(hash < 0 ? connectionLabel : connectionLabel[..hash]);
    }
}
