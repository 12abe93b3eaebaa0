namespace AqNano.Verifier.Reports;

public sealed record ReportParagraph(string Text) : ReportBlock;
