using System.Text;
using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Reporting;
using DataAccessBroker.Reporting.Charts;
using static DataAccessBroker.Reporting.Charts.ChartText;

namespace DataAccessBroker.Cli.Statistics;

/// <summary>
/// A self-contained report for a council: one XHTML-compatible file, charts as inline SVG, no scripts, fonts or
/// anything fetched from the network. Every chart has its figures beside it as a table, and the report says what it
/// was computed over, so that it can be read alone.
/// </summary>
public static class HtmlReport
{
    public static readonly string[] Sections = ["turnaround", "kaplan-meier", "backlog", "trend", "bottlenecks"];

    /// <summary>The section added when the report compares nodes.</summary>
    public const string NodesSection = "nodes";

    private const string Style = """
        body { font-family: system-ui, sans-serif; margin: 0 auto; padding: 1rem; max-width: 60rem; color: #1b1b1b; line-height: 1.45; overflow-wrap: break-word; }
        h1 { font-size: 1.5rem; } h2 { margin-top: 2.4rem; border-bottom: 1px solid #bbb; font-size: 1.25rem; }
        .banner { background: #fff3cd; border: 3px solid #8a5a00; color: #3d2a00; padding: 0.75rem 1rem; font-size: 1.1rem; }
        dl.scope { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; }
        dl.scope dt { font-weight: 600; } dl.scope dd { margin: 0; }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; min-width: 100%; font-size: 0.9rem; }
        th, td { text-align: right; padding: 0.25rem 0.5rem; border-bottom: 1px solid #e4e4e4; vertical-align: bottom; }
        td { white-space: nowrap; }
        th:first-child, td:first-child { text-align: left; }
        tr.suppressed td { color: #595959; font-style: italic; }
        .note { color: #444; font-size: 0.9rem; }
        figure.chart { margin: 1.5rem 0; }
        figure.chart svg { display: block; width: 100%; max-width: 36rem; height: auto; }
        figcaption { font-weight: 600; margin-bottom: 0.3rem; }
        summary { color: #1f5f99; }
        @media (max-width: 30rem) { dl.scope { grid-template-columns: 1fr; } dl.scope dd { margin-bottom: 0.4rem; } }
        """;

    public static string Render(StatisticsSnapshot s, DateTimeOffset generated)
    {
        var scope = ReportScope.Of(s);
        var html = new StringBuilder();
        html.Append($$"""
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
            <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>{{Escape(scope.TitlePrefix)}}Access to health-register data: turnaround {{Escape(scope.Period)}}</title>
            <style>
            {{Style}}
            </style>
            </head>
            <body>
            <header>
            {{scope.Banner()}}
            <h1>{{Escape(scope.TitlePrefix)}}Access to health-register data: where the time goes</h1>
            {{scope.Html(generated, s.Turnaround.Nodes)}}
            <p class="note" id="how-to-read">Days are Norwegian business days (bd: weekdays that are not public holidays)
            unless marked calendar. {{Escape(Legends.Blank(scope.Threshold))}} A suppressed group has no figure at all,
            and charts name it rather than draw it as zero. partial: a month still running; its figures will change.
            No applicant is identified. Every chart's figures are in the table under it.</p>
            </header>

            """);

        Turnaround(html, s.Turnaround.Groups);
        KaplanMeier(html, s, scope, generated);
        Backlog(html, s.Backlog, scope);
        Trend(html, s.Trend.Months);
        Bottlenecks(html, s);
        if (s.Turnaround.Nodes.Count > 0) Nodes(html, s.Turnaround.Nodes);

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Turnaround(StringBuilder html, IReadOnlyList<TurnaroundGroup> groups)
    {
        html.Append("""<section id="turnaround"><h2>Turnaround of the tasks closed in the period</h2>""");
        html.Append("""<p class="note">Every task closed (completed) in the period, per stage and per body: business days waited on the body, and apart from them the time waiting on the applicant.</p>""");
        html.Append(Table(["Stage · body", "Closed in period", "Median", "p75", "p90", "Mean", "Median (calendar days)", "Within SLA", "Mean waiting on applicant"],
            groups.Select(StatisticsRows.Closed)));
        foreach (var chart in SectionCharts.PerRegistry(groups)) html.Append(chart.Html());

        html.Append("</section>\n");
    }

    private static void KaplanMeier(StringBuilder html, StatisticsSnapshot s, ReportScope scope, DateTimeOffset generated)
    {
        var computed = Times.Format(scope.Scope.ComputeTime?.ToDateTimeOffset() ?? generated);
        html.Append("""<section id="kaplan-meier"><h2>All tasks opened in the period, followed to now (Kaplan–Meier)</h2>""");
        html.Append($"""<p class="note" id="cohort">The cohort is every task opened in {Escape(scope.Period)}, followed to {Escape(computed)}: its completed tasks give the closed median, and the Kaplan–Meier estimate also counts its open tasks (at their age now) and cancelled tasks (at their cancellation), so it is never below the closed median of the same cohort, and the gap between them is what the slow tasks still open add.</p>""");
        html.Append(Table(["Stage · body", "Opened in period", "Completed", "Open now", "Cancelled", "Closed median (this cohort)", "Kaplan–Meier median", "Kaplan–Meier p90"],
            s.Turnaround.Groups.Select(StatisticsRows.Cohort)));
        html.Append("""<p class="note">"Open now" counts the cohort's tasks only; the backlog below counts every task open now, whatever month it opened. The two agree when every open task opened in this period.</p>""");

        foreach (var figure in ReportCharts.KaplanMeierFigures(s.Turnaround.Groups, s.Turnaround.SlaAllowances))
        {
            if (figure.Chart is { } chart) html.Append(ChartFigure.Html(chart, figure.Note));
            // Suppressed: the words alone; nothing completed yet: the words in the curve's place, under its id.
            else if (figure.Stage.Suppressed) html.Append($"""<p class="note">{Escape(figure.Note)}</p>""");
            else html.Append($"""<p class="note" id="km-{ReportCharts.Slug(figure.Stage.Stage)}">{Escape(figure.Note)}</p>""");
        }

        html.Append("</section>\n");
    }

    private static void Backlog(StringBuilder html, GetBacklogResponse backlog, ReportScope scope)
    {
        html.Append($"""<section id="backlog"><h2>Backlog: every task open at {Escape(Times.Format(backlog.AsOfTime))}</h2>""");
        html.Append($"""<p class="note">Every task open now, whatever month it opened (not only the period {Escape(scope.Period)}); ages in business days waited on the body. Overdue: its SLA breach is on record.</p>""");
        html.Append(Table(["Stage · body", "Open now (any opening month)", "Overdue", "Paused on applicant", "0-10 bd", "10-30 bd", "30-60 bd", "60+ bd"],
            backlog.Groups.Select(StatisticsRows.Backlog)));
        foreach (var chart in SectionCharts.Backlog(backlog.Groups)) html.Append(chart.Html());
        html.Append("</section>\n");
    }

    private static void Trend(StringBuilder html, IReadOnlyList<MonthTrend> months)
    {
        html.Append("""<section id="trend"><h2>Monthly trend of applications</h2>""");
        html.Append($"""<p class="note">{Escape(Legends.Trend)} For a partial month, open at month end means open now. Two charts, because counts and days do not share an axis.</p>""");
        html.Append(Table(["Month", "Arrivals (applications)", "Completions (applications)", "Median lead time (calendar days)", "Open at month end (applications)"],
            months.Select(StatisticsRows.Month)));
        foreach (var chart in SectionCharts.Trend(months)) html.Append(chart.Html());

        html.Append("</section>\n");
    }

    private static void Bottlenecks(StringBuilder html, StatisticsSnapshot s)
    {
        html.Append("""<section id="bottlenecks"><h2>Where the lead time goes</h2>""");
        foreach (var chart in SectionCharts.LeadTimeParts(s.Turnaround.Groups)) html.Append(chart.Html());

        html.Append(Table(["Stage · body", "Share of lead time", "Share of overdue work", "Mean business days"],
            s.Bottlenecks.Bottlenecks.Select(StatisticsRows.Bottleneck)));
        foreach (var chart in SectionCharts.LeadTimeShares(s.Bottlenecks.Bottlenecks)) html.Append(chart.Html());

        html.Append("</section>\n");
    }

    private static void Nodes(StringBuilder html, IReadOnlyList<NodeTurnaround> nodes)
    {
        html.Append($"""<section id="{NodesSection}"><h2>Each node's own turnaround</h2>""");
        html.Append("""<p class="note">Every node's own figures for its own work, side by side: median business days and cases per stage. Each node suppresses small groups itself before its figures leave it.</p>""");
        html.Append(Table(["Stage", .. nodes.Select(n => $"{n.NodeName} ({n.Node}){(n.Simulated ? ", SIMULATED" : "")}")], NodeComparison.Rows(nodes)));
        foreach (var n in nodes.Where(n => n.Error.Length > 0)) html.Append($"""<p class="note">{Escape(n.Node)} could not be asked: {Escape(n.Error)}</p>""");
        html.Append("</section>\n");
    }

    private static string Table(string[] headers, IEnumerable<string[]> rows)
    {
        var table = new StringBuilder("""<div class="scroll"><table><thead><tr>""");
        foreach (var h in headers) table.Append($"""<th scope="col">{Escape(h)}</th>""");
        table.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            table.Append(row.Length > 1 && row[1] == Figures.Suppressed ? """<tr class="suppressed">""" : "<tr>");
            foreach (var cell in row) table.Append($"<td>{Escape(cell)}</td>");
            table.Append("</tr>");
        }

        return table.Append("</tbody></table></div>").ToString();
    }
}
