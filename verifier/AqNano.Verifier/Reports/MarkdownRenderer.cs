using System.Text;

namespace AqNano.Verifier.Reports;

/// <summary>GitHub-flavoured Markdown: ATX headings, pipe tables.</summary>
public static class MarkdownRenderer
{
    public static string Render(ReportDocument document)
    {
        var text = new StringBuilder();
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case ReportHeading heading:
                    text.Append('#', heading.Level).Append(' ').AppendLine(Inline(heading.Text));
                    break;
                case ReportParagraph paragraph:
                    text.AppendLine(Inline(paragraph.Text));
                    break;
                case ReportTable table:
                    text.AppendLine(Row(table.Headers));
                    text.AppendLine(Row(table.Headers.Select(_ => "---").ToList()));
                    foreach (var row in table.Rows) text.AppendLine(Row(row));
                    break;
            }
            text.AppendLine();
        }
        return text.ToString();
    }

    private static string Row(IReadOnlyList<string> cells) => "| " + string.Join(" | ", cells.Select(Cell)) + " |";

    /// <summary>A cell may hold any text the ledger held: pipes would end the cell, line breaks the row.</summary>
    private static string Cell(string text) => Inline(text).Replace("|", "\\|");

    /// <summary>Markdown passes raw HTML through to the page that renders it: ledger text (partly
    /// chosen by devices and senders) must not become markup there.</summary>
    private static string Inline(string text)
        => text.ReplaceLineEndings(" ").Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
