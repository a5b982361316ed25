using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Reporting.Charts;

namespace DataAccessBroker.Reporting;

/// <summary>A chart as a section draws it: the chart, and the note under it (if any).</summary>
public sealed record NotedChart(IChart Chart, string? Note = null)
{
    public string Html() => ChartFigure.Html(Chart, Note);
}

/// <summary>
/// Which charts each section of the statistics draws, with their notes: none where the answer has nothing to draw.
/// The report and the portal both take their charts from here, so that they cannot draw different ones.
/// </summary>
public static class SectionCharts
{
    public static IEnumerable<NotedChart> PerRegistry(IReadOnlyList<TurnaroundGroup> groups) =>
        ReportCharts.PerRegistry(groups).Select(chart => new NotedChart(chart, Legends.PerRegistryChart));

    public static IEnumerable<NotedChart> Backlog(IReadOnlyList<BacklogGroup> groups) =>
        groups.Any(g => g.Body.Length == 0) ? [new NotedChart(ReportCharts.OpenPerStage(groups))] : [];

    public static IEnumerable<NotedChart> Trend(IReadOnlyList<MonthTrend> months) =>
        months.Count > 0
            ? [new NotedChart(ReportCharts.TrendCounts(months)), new NotedChart(ReportCharts.TrendLeadTime(months), Legends.TrendLeadTimeChart)]
            : [];

    public static IEnumerable<NotedChart> LeadTimeParts(IReadOnlyList<TurnaroundGroup> groups) =>
        ReportCharts.StageTotals(groups).Any() ? [new NotedChart(ReportCharts.LeadTimeParts(groups), Legends.LeadTimePartsChart)] : [];

    public static IEnumerable<NotedChart> LeadTimeShares(IReadOnlyList<Bottleneck> bottlenecks) =>
        bottlenecks.Any(b => !b.Suppressed && b.HasShareOfLeadTime) ? [new NotedChart(ReportCharts.LeadTimeShares(bottlenecks))] : [];
}
