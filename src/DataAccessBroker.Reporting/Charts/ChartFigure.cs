using static DataAccessBroker.Reporting.Charts.ChartText;

namespace DataAccessBroker.Reporting.Charts;

/// <summary>
/// A chart as a figure: its caption, the drawing, a note on how to read it, and its figures as a table, in
/// <c>&lt;figure class="chart" id="{chart.Id}"&gt;</c>, the note in <c>&lt;p class="note"&gt;</c>, the table in
/// <c>&lt;details&gt;&lt;div class="scroll"&gt;</c>. No inline style: the page's stylesheet styles these classes.
/// </summary>
public static class ChartFigure
{
    public static string Html(IChart chart, string? note = null) =>
        $"""<figure class="chart" id="{chart.Id}"><figcaption>{Escape(chart.Title)}</figcaption>{chart.Svg()}""" +
        (note is null ? "" : $"""<p class="note">{Escape(note)}</p>""") +
        $"""<details><summary>The figures of this chart</summary><div class="scroll">{chart.Data().Html()}</div></details></figure>""";
}
