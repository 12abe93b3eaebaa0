namespace AqNano.Verifier.Reports;

/// <summary>A report as plain blocks: built once from the ledger, rendered by <see cref="MarkdownRenderer"/>
/// or <see cref="HtmlRenderer"/>, so both formats always say the same thing.</summary>
public sealed class ReportDocument
{
    private readonly List<ReportBlock> blocks = new();

    public IReadOnlyList<ReportBlock> Blocks => blocks;

    public ReportDocument Heading(int level, string text) => Add(new ReportHeading(level, text));

    public ReportDocument Paragraph(string text) => Add(new ReportParagraph(text));

    /// <summary>A table, or "None recorded." when it has no rows.</summary>
    public ReportDocument Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var list = rows.ToList();
        return list.Count == 0 ? Paragraph("None recorded.") : Add(new ReportTable(headers, list));
    }

    private ReportDocument Add(ReportBlock block)
    {
        blocks.Add(block);
        return this;
    }
}
