namespace AqNano.Verifier.Chains;

/// <summary>Something an operator must see (ledger kind "incident"): type is clone, fork, tamper, contended,
/// witness-disagreement, divergence, two-candidates, epoch-filter-hit, clock or promotion-by-operator.</summary>
public sealed record Incident(string Type, string Explanation);
