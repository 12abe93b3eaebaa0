using System.Net;
using System.Text;

namespace AqNano.Verifier.Reports;

/// <summary>One self-contained HTML page; every ledger string is HTML-encoded (a device or an
/// attacker chose some of them, e.g. a connection label).</summary>
public static class HtmlRenderer
{
    public static string Render(ReportDocument document, string title)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>");
        html.Append("<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Encode(title)).AppendLine("</title>");
        html.AppendLine("<style>body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;margin:1em 0}"
            + "td,th{border:1px solid #bbb;padding:.25em .5em;text-align:left;vertical-align:top}th{background:#eee}</style>");
        html.AppendLine("</head><body>");
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case ReportHeading heading:
                    int level = Math.Clamp(heading.Level, 1, 6);
                    html.Append($"<h{level}>").Append(Encode(heading.Text)).AppendLine($"</h{level}>");
                    break;
                case ReportParagraph paragraph:
                    html.Append("<p>").Append(Encode(paragraph.Text)).AppendLine("</p>");
                    break;
                case ReportTable table:
                    html.Append("<table><thead><tr>");
                    foreach (var header in table.Headers) html.Append("<th>").Append(Encode(header)).Append("</th>");
                    html.AppendLine("</tr></thead><tbody>");
                    foreach (var row in table.Rows)
                    {
                        html.Append("<tr>");
                        foreach (var cell in row) html.Append("<td>").Append(Encode(cell)).Append("</td>");
                        html.AppendLine("</tr>");
                    }
                    html.AppendLine("</tbody></table>");
                    break;
            }
        }
        html.AppendLine("</body></html>");
        return html.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
