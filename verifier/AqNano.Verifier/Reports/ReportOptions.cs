namespace AqNano.Verifier.Reports;

/// <summary>Bounds that keep a report readable for a large fleet.</summary>
public sealed record ReportOptions
{
    /// <summary>Newest changes of standing listed per device; older ones are counted, not listed.</summary>
    public int MaxDecisions { get; init; } = 50;

    /// <summary>In a fleet report, devices that get a full section: those not at AdmitFull or with
    /// incidents first, up to this many; every device still has its row in the summary table.</summary>
    public int MaxDeviceSections { get; init; } = 50;

    /// <summary>Incidents listed per device and fleet-wide.</summary>
    public int MaxIncidents { get; init; } = 100;

    /// <summary>The "Ledger integrity" paragraph, for a ledger whose proof is not one hash chain (the partitioned
    /// ledger: a chain per partition plus anchors, docs/SCALING.md); null: the single chain is verified here.</summary>
    public string? Integrity { get; init; }
}
