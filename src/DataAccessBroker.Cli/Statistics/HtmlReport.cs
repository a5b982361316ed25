using System.Globalization;
using System.Net;
using System.Text;
using DataAccessBroker.Contracts.V1;

namespace DataAccessBroker.Cli.Statistics;

/// <summary>
/// A self-contained report for a council: one XHTML-compatible file, charts as inline SVG, no scripts, fonts or
/// anything fetched from the network.
/// </summary>
public static class HtmlReport
{
    public static readonly string[] Sections = ["turnaround", "kaplan-meier", "backlog", "trend", "bottlenecks"];

    /// <summary>The section added when the report compares nodes.</summary>
    public const string NodesSection = "nodes";

    public static string Render(StatisticsSnapshot s, DateTimeOffset generated)
    {
        var html = new StringBuilder();
        var period = $"{Month(s.Filter.StartDate)} – {Month(s.Filter.EndDate)}";
        html.Append($$"""
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
            <head>
            <meta charset="utf-8" />
            <title>Access to health-register data: turnaround {{E(period)}}</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #1b1b1b; }
            h1 { font-size: 1.6rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ccc; }
            table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
            th, td { text-align: right; padding: 0.25rem 0.5rem; border-bottom: 1px solid #eee; }
            th:first-child, td:first-child { text-align: left; }
            .suppressed { color: #888; font-style: italic; } .note { color: #555; font-size: 0.85rem; }
            </style>
            </head>
            <body>
            <h1>Access to health-register data: where the time goes</h1>
            <p class="note">Period {{E(period)}}. Generated {{generated:yyyy-MM-dd HH:mm}} UTC by DataAccessBroker. Days are
            Norwegian business days unless marked calendar. Groups with fewer cases than the suppression threshold are
            shown as suppressed. No applicant is identified.</p>
            """);

        var groups = s.Turnaround;
        html.Append("""<section id="turnaround"><h2>Turnaround per stage and body</h2>""");
        html.Append(Table(["Stage · body", "Cases", "Median", "p75", "p90", "Mean", "Median (cal.)", "Within SLA", "Waiting on applicant"],
            groups.Select(g => g.Suppressed
                ? [Figures.Group(g.Stage, g.Body), Figures.Suppressed, "", "", "", "", "", "", ""]
                : new[]
                {
                    Figures.Group(g.Stage, g.Body), g.Count.ToString(CultureInfo.InvariantCulture),
                    Figures.Days(Value(g.HasMedianBusinessDays, g.MedianBusinessDays)),
                    Figures.Days(Value(g.HasP75BusinessDays, g.P75BusinessDays)),
                    Figures.Days(Value(g.HasP90BusinessDays, g.P90BusinessDays)),
                    Figures.Days(Value(g.HasMeanBusinessDays, g.MeanBusinessDays)),
                    Figures.Days(Value(g.HasMedianCalendarDays, g.MedianCalendarDays)),
                    Figures.Percent(Value(g.HasSlaCompliance, g.SlaCompliance)),
                    Figures.Days(Value(g.HasMeanApplicantWaitBusinessDays, g.MeanApplicantWaitBusinessDays)),
                })));
        var stages = groups.Where(g => g.Body.Length == 0 && !g.Suppressed && g.HasMedianBusinessDays).ToList();
        html.Append(Bars("Median business days per stage", stages.Select(g => (Figures.Group(g.Stage, ""), (double?)g.MedianBusinessDays))));
        html.Append("</section>");

        html.Append("""<section id="kaplan-meier"><h2>Closed cases against all cases (Kaplan–Meier)</h2>""");
        html.Append("""<p class="note">A median of closed cases flatters a growing backlog: the slow cases are the ones not closed yet. The Kaplan–Meier estimate counts open cases as censored.</p>""");
        html.Append(Table(["Stage · body", "Closed median", "Kaplan–Meier median", "Kaplan–Meier p90", "Still open"],
            groups.Where(g => !g.Suppressed).Select(g => new[]
            {
                Figures.Group(g.Stage, g.Body), Figures.Days(Value(g.HasMedianBusinessDays, g.MedianBusinessDays)),
                Figures.Days(Value(g.HasKaplanMeierMedianBusinessDays, g.KaplanMeierMedianBusinessDays)),
                Figures.Days(Value(g.HasKaplanMeierP90BusinessDays, g.KaplanMeierP90BusinessDays)),
                g.CohortOpen.ToString(CultureInfo.InvariantCulture),
            })));
        html.Append("</section>");

        html.Append($"""<section id="backlog"><h2>Backlog on {s.Backlog.AsOfTime.ToDateTimeOffset():yyyy-MM-dd}</h2>""");
        html.Append(Table(["Stage · body", "Open", "Overdue", "Paused on applicant", "0-10 bd", "10-30 bd", "30-60 bd", "60+ bd"],
            s.Backlog.Groups.Select(g => g.Suppressed
                ? [Figures.Group(g.Stage, g.Body), Figures.Suppressed, "", "", "", "", "", ""]
                : new[]
                {
                    Figures.Group(g.Stage, g.Body), $"{g.Open}", $"{g.Overdue}", $"{g.PausedOnApplicant}",
                    $"{g.Ages.GetValueOrDefault("0-10 bd")}", $"{g.Ages.GetValueOrDefault("10-30 bd")}",
                    $"{g.Ages.GetValueOrDefault("30-60 bd")}", $"{g.Ages.GetValueOrDefault("60+ bd")}",
                })));
        html.Append(Bars("Open tasks per stage", s.Backlog.Groups.Where(g => g.Body.Length == 0 && !g.Suppressed)
            .Select(g => (Figures.Group(g.Stage, ""), (double?)g.Open))));
        html.Append("</section>");

        html.Append("""<section id="trend"><h2>Monthly trend</h2>""");
        html.Append(Table(["Month", "Arrivals", "Completions", "Median lead time (cal. days)", "Backlog at month end"],
            s.Trend.Select(m => new[]
            {
                Figures.Month(m.Month), $"{m.Arrivals}", $"{m.Completions}",
                m.HasMedianLeadCalendarDays ? Figures.Days(m.MedianLeadCalendarDays) : Figures.Suppressed, $"{m.BacklogAtMonthEnd}",
            })));
        html.Append(Bars("Backlog at month end", s.Trend.Select(m => (Figures.Month(m.Month), (double?)m.BacklogAtMonthEnd))));
        html.Append("</section>");

        html.Append("""<section id="bottlenecks"><h2>Where the lead time goes</h2>""");
        html.Append(Table(["Stage · body", "Share of lead time", "Share of overdue work", "Mean business days"],
            s.Bottlenecks.Select(b => b.Suppressed
                ? [Figures.Group(b.Stage, b.Body), Figures.Suppressed, "", ""]
                : new[]
                {
                    Figures.Group(b.Stage, b.Body), Figures.Percent(Value(b.HasShareOfLeadTime, b.ShareOfLeadTime)),
                    Figures.Percent(Value(b.HasShareOfOverdue, b.ShareOfOverdue)),
                    Figures.Days(Value(b.HasMeanBusinessDays, b.MeanBusinessDays)),
                })));
        html.Append(Bars("Share of lead time (%)", s.Bottlenecks.Where(b => !b.Suppressed && b.HasShareOfLeadTime).Take(10)
            .Select(b => (Figures.Group(b.Stage, b.Body), (double?)(b.ShareOfLeadTime * 100)))));
        html.Append("</section>\n");

        if (s.Nodes.Count > 0)
        {
            html.Append($"""<section id="{NodesSection}"><h2>Each node's own turnaround</h2>""");
            html.Append("""<p class="note">Every node's own figures for its own work, side by side: median business days and cases per stage. Each node suppresses small groups itself before its figures leave it.</p>""");
            html.Append(Table(["Stage", .. s.Nodes.Select(n => $"{n.NodeName} ({n.Node})")], NodeComparison.Rows(s.Nodes)));
            foreach (var n in s.Nodes.Where(n => n.Error.Length > 0)) html.Append($"""<p class="note">{E(n.Node)} could not be asked: {E(n.Error)}</p>""");
            html.Append("</section>\n");
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static double? Value(bool has, double value) => has ? value : null;

    private static string Month(Google.Type.Date? date) => date is null ? "" : Figures.Month(date);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Table(string[] headers, IEnumerable<string[]> rows)
    {
        var table = new StringBuilder("<table><thead><tr>");
        foreach (var h in headers) table.Append($"<th>{E(h)}</th>");
        table.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            table.Append(row.Length > 1 && row[1] == Figures.Suppressed ? "<tr class=\"suppressed\">" : "<tr>");
            foreach (var cell in row) table.Append($"<td>{E(cell)}</td>");
            table.Append("</tr>");
        }

        return table.Append("</tbody></table>").ToString();
    }

    /// <summary>A horizontal bar chart as inline SVG.</summary>
    private static string Bars(string title, IEnumerable<(string Label, double? Value)> items)
    {
        var data = items.Where(i => i.Value is not null).Select(i => (i.Label, Value: i.Value!.Value)).ToList();
        if (data.Count == 0) return "";
        const int labelWidth = 260, barWidth = 420, rowHeight = 22;
        var max = data.Max(d => d.Value);
        var svg = new StringBuilder(
            $"""<figure><figcaption>{E(title)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" width="{labelWidth + barWidth + 60}" height="{data.Count * rowHeight + 4}" role="img" aria-label="{E(title)}">""");
        for (var i = 0; i < data.Count; i++)
        {
            var y = i * rowHeight + 2;
            var width = max > 0 ? data[i].Value / max * barWidth : 0;
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="0" y="{y + 15}" font-size="12">{E(data[i].Label)}</text>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{labelWidth}" y="{y}" width="{width:0.#}" height="{rowHeight - 6}" fill="#2f6f9f" />""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{labelWidth + width + 6:0.#}" y="{y + 15}" font-size="12">{data[i].Value:0.#}</text>""");
        }

        return svg.Append("</svg></figure>").ToString();
    }
}
