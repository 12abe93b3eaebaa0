namespace AqNano.Verifier.Reports;

/// <summary>One block of a report, rendered the same way to Markdown and HTML.</summary>
public abstract record ReportBlock;
