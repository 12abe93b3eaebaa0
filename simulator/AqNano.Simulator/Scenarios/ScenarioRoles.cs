namespace AqNano.Simulator.Scenarios;

/// <summary>The roles of a run (target, clone, attacker, witness, sybil, rebooted, honest), so that
/// an end-to-end test can map each <see cref="ExpectedOutcome"/> to device ids and connections.</summary>
public sealed class ScenarioRoles
{
    private readonly Dictionary<string, RoleMembers> _roles = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, RoleMembers> All => _roles;

    public RoleMembers this[string role]
    {
        get
        {
            if (!_roles.TryGetValue(role, out RoleMembers? members)) _roles[role] = members = new RoleMembers();
            return members;
        }
    }

    public bool Has(string role) => _roles.ContainsKey(role);
}
