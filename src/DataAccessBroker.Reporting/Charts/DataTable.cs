using System.Text;
using static DataAccessBroker.Reporting.Charts.ChartText;

namespace DataAccessBroker.Reporting.Charts;

/// <summary>A chart's figures as rows, the text alternative to its drawing.</summary>
public sealed record DataTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    public string Html()
    {
        var table = new StringBuilder("<table><thead><tr>");
        foreach (var header in Headers) table.Append($"""<th scope="col">{Escape(header)}</th>""");
        table.Append("</tr></thead><tbody>");
        foreach (var row in Rows)
        {
            table.Append("<tr>");
            foreach (var cell in row) table.Append($"<td>{Escape(cell)}</td>");
            table.Append("</tr>");
        }

        return table.Append("</tbody></table>").ToString();
    }
}
