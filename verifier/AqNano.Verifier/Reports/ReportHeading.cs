namespace AqNano.Verifier.Reports;

public sealed record ReportHeading(int Level, string Text) : ReportBlock;
