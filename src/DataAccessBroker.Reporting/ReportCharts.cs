using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Reporting.Charts;
using static DataAccessBroker.Reporting.Charts.ChartText;

namespace DataAccessBroker.Reporting;

/// <summary>The statistics answers as the charts analysts draw: the contract's figures in, chart data out.</summary>
public static class ReportCharts
{
    public static readonly Stage[] Stages = [Stage.RekReview, Stage.DataOwnerReview, Stage.HdsDecision, Stage.DataDelivery];

    /// <summary>
    /// One stage's Kaplan–Meier curve: the share of its tasks opened in the period not yet completed, against business
    /// days since they opened, with the stage's SLA allowances marked.
    /// </summary>
    public static StepChart KaplanMeier(TurnaroundGroup stage, IEnumerable<StageAllowance> allowances)
    {
        var name = Capitalised(Terms.Stage(stage.Stage));
        var markers = AllowanceMarkers.For(stage.Stage, allowances);
        var steps = stage.KaplanMeierCurve.Select(s => (s.BusinessDays, s.ShareNotCompleted)).ToList();
        var last = steps.Count > 0 ? steps[^1] : (0, 1);
        var description =
            $"{name}: of the {stage.CohortOpened} tasks opened in the period, the share not yet completed by business " +
            $"days since opening, a step line from 100 % at 0 days to {Percent(last.Item2)} at {Number(last.Item1)} days. " +
            $"Kaplan–Meier median {Days(stage.HasKaplanMeierMedianBusinessDays, stage.KaplanMeierMedianBusinessDays, "not reached")}, " +
            $"median of the cohort's completed tasks {Days(stage.HasCohortClosedMedianBusinessDays, stage.CohortClosedMedianBusinessDays, "none (nothing completed)")}; " +
            $"{stage.CohortCompleted} completed, {stage.CohortOpen} still open, {stage.CohortCancelled} cancelled. " +
            (markers.Count > 0 ? $"Marked: {string.Join("; ", markers.Select(m => m.Label))}." : "No SLA allowance reported for this stage.");
        return new StepChart($"km-{Slug(stage.Stage)}", $"{name}: share of tasks not yet completed", description,
            "Business days since the task opened", "Not yet completed", [new StepSeries("Kaplan–Meier estimate", steps)], markers);
    }

    /// <summary>
    /// Each stage's Kaplan–Meier figure, in the workflow's order, as the report shows it: the chart with the note under
    /// it; or, for a suppressed stage or one of whose cohort nothing has completed yet, the words saying why there is
    /// no curve. A stage with no cohort at all has neither.
    /// </summary>
    public static IEnumerable<KaplanMeierFigure> KaplanMeierFigures(
        IEnumerable<TurnaroundGroup> groups, IReadOnlyCollection<StageAllowance> allowances)
    {
        foreach (var stage in StageTotals(groups))
        {
            var name = Capitalised(Terms.Stage(stage.Stage));
            if (stage.Suppressed)
            {
                yield return new KaplanMeierFigure(stage, null, $"{name}: suppressed, no curve.");
            }
            else if (stage.KaplanMeierCurve.Count == 1) // the first step only: (0 days, 100 %)
            {
                yield return new KaplanMeierFigure(stage, null,
                    $"{name}: none of the {stage.CohortOpened} tasks opened in the period has completed yet, so there is no curve to draw.");
            }
            else if (stage.KaplanMeierCurve.Count > 1)
            {
                var calendar = allowances.Any(a => a.Stage == stage.Stage && !a.BusinessDays);
                yield return new KaplanMeierFigure(stage, KaplanMeier(stage, allowances), Legends.KaplanMeierChart(calendar));
            }
        }
    }

    /// <summary>Arrivals, completions and the applications open at month end: counts of applications, on one axis.</summary>
    public static LineChart TrendCounts(IReadOnlyList<MonthTrend> months)
    {
        var description =
            "Applications per month: arrivals (submitted), completions (reached a final state) and those open at the end " +
            "of the month (submitted and not yet final). " + Span(months) + PartialNote(months);
        return new LineChart("trend-counts", "Applications per month: arrivals, completions and open at month end", description,
            "Month", "Applications", [.. months.Select(m => Figures.Month(m.Month))],
            [
                new LineSeries("Arrivals", [.. months.Select(m => (double?)m.Arrivals)]),
                new LineSeries("Completions", [.. months.Select(m => (double?)m.Completions)]),
                new LineSeries("Open at month end", [.. months.Select(m => (double?)m.BacklogAtMonthEnd)]),
            ],
            PartialMonths(months), Figures.Suppressed, WholeNumbers: true);
    }

    /// <summary>The median lead time of the applications completed in each month, in calendar days: its own axis.</summary>
    public static LineChart TrendLeadTime(IReadOnlyList<MonthTrend> months)
    {
        var suppressed = months.Where(m => !m.HasMedianLeadCalendarDays).Select(m => Figures.Month(m.Month)).ToList();
        var description =
            "Median lead time, submission to final state, of the applications completed in each month, in calendar days. " +
            Span(months) + PartialNote(months) +
            (suppressed.Count > 0 ? $" Suppressed (fewer completions than the threshold), so left as a gap: {string.Join(", ", suppressed)}." : "");
        return new LineChart("trend-lead-time", "Median lead time of the applications completed each month", description,
            "Month", "Calendar days", [.. months.Select(m => Figures.Month(m.Month))],
            [new LineSeries("Median lead time", [.. months.Select(m => m.HasMedianLeadCalendarDays ? m.MedianLeadCalendarDays : (double?)null)])],
            PartialMonths(months), Figures.Suppressed, WholeNumbers: false);
    }

    /// <summary>
    /// Where an application's lead time goes: per stage, the mean business days of the tasks closed in the period at
    /// the body, and after it their mean time waiting on the applicant.
    /// </summary>
    public static StackedBarChart LeadTimeParts(IEnumerable<TurnaroundGroup> groups)
    {
        var bars = StageTotals(groups).Select(g => new StackedBar(Capitalised(Terms.Stage(g.Stage)),
            g.Suppressed || !g.HasMeanBusinessDays ? null : [g.MeanBusinessDays, g.HasMeanApplicantWaitBusinessDays ? g.MeanApplicantWaitBusinessDays : 0],
            g.Suppressed ? Figures.Suppressed : "none closed in the period")).ToList();
        var description =
            "Per stage, the mean business days of the tasks closed in the period: first the time at the body (its clock " +
            "running), then the time waiting on the applicant (its clock paused). " +
            string.Join("; ", bars.Select(b => b.Segments is { } s
                ? $"{b.Label}: {Number(s[0])} at the body + {Number(s[1])} waiting on the applicant"
                : $"{b.Label}: {b.WhyNone}")) + ".";
        return new StackedBarChart("lead-time-parts", "Where the lead time goes: mean business days per stage", description,
            "Stage", "Business days", ["At the body", "Waiting on the applicant"], bars, "bd");
    }

    /// <summary>The stages that more than one body works on (data-owner review, data delivery), each body's median.</summary>
    public static IEnumerable<BarChart> PerRegistry(IReadOnlyList<TurnaroundGroup> groups) =>
        Stages.Select(stage => (Stage: stage, Bodies: groups.Where(g => g.Stage == stage && g.Body.Length > 0).ToList()))
            .Where(s => s.Bodies.Count > 1)
            .Select(s =>
            {
                var name = Capitalised(Terms.Stage(s.Stage));
                var bars = s.Bodies.Select(b => new Bar(b.Body,
                    !b.Suppressed && b.HasMedianBusinessDays ? b.MedianBusinessDays : null,
                    b.Suppressed ? Figures.Suppressed
                    : b.HasMedianBusinessDays ? $"{Number(b.MedianBusinessDays)} bd (n = {b.Count})"
                    : $"none closed (n = {b.Count})")).ToList();
                var description = $"{name}, per registry: the median business days of the tasks closed in the period, " +
                                  $"with their number. {string.Join("; ", bars.Select(b => $"{b.Label}: {b.Text}"))}.";
                return new BarChart($"registries-{Slug(s.Stage)}", $"{name} per registry: median business days",
                    description, "Registry", "Median business days", bars, WholeNumbers: false);
            });

    /// <summary>Open tasks now per stage.</summary>
    public static BarChart OpenPerStage(IEnumerable<BacklogGroup> groups)
    {
        var bars = groups.Where(g => g.Body.Length == 0).OrderBy(g => g.Stage)
            .Select(g => new Bar(Capitalised(Terms.Stage(g.Stage)), g.Suppressed ? null : g.Open,
                g.Suppressed ? Figures.Suppressed : $"{g.Open} open, {g.Overdue} overdue")).ToList();
        return new BarChart("backlog-open", "Open tasks now per stage",
            $"Tasks open now per stage, whatever month they opened. {string.Join("; ", bars.Select(b => $"{b.Label}: {b.Text}"))}.",
            "Stage", "Open tasks", bars, WholeNumbers: true);
    }

    /// <summary>The ten stages and bodies with the largest share of lead time.</summary>
    public static BarChart LeadTimeShares(IEnumerable<Bottleneck> bottlenecks)
    {
        var bars = bottlenecks.Where(b => !b.Suppressed && b.HasShareOfLeadTime).Take(10)
            .Select(b => new Bar(Figures.Group(b.Stage, b.Body), b.ShareOfLeadTime * 100, Percent(b.ShareOfLeadTime))).ToList();
        return new BarChart("bottleneck-shares", "Share of lead time per stage and body (largest ten)",
            $"Each stage and body's share of the applications' lead time, in per cent. {string.Join("; ", bars.Select(b => $"{b.Label}: {b.Text}"))}.",
            "Stage · body", "Share of lead time (%)", bars, WholeNumbers: false);
    }

    /// <summary>The stage totals (body empty), in the workflow's order.</summary>
    public static IEnumerable<TurnaroundGroup> StageTotals(IEnumerable<TurnaroundGroup> groups) =>
        groups.Where(g => g.Body.Length == 0).OrderBy(g => Array.IndexOf(Stages, g.Stage));

    public static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>"data-owner-review": a stage in an id.</summary>
    public static string Slug(Stage stage) => Terms.Stage(stage).ToLowerInvariant().Replace(' ', '-');

    private static string Days(bool has, double value, string none) => has ? $"{Number(value)} business days" : none;

    private static HashSet<int> PartialMonths(IReadOnlyList<MonthTrend> months) =>
        [.. months.Select((m, i) => (m, i)).Where(x => x.m.Partial).Select(x => x.i)];

    private static string Span(IReadOnlyList<MonthTrend> months) =>
        months.Count == 0 ? "No months." : $"{Figures.Month(months[0].Month)} to {Figures.Month(months[^1].Month)}.";

    private static string PartialNote(IReadOnlyList<MonthTrend> months) =>
        months.Where(m => m.Partial).Select(m => $" {Figures.Month(m.Month)} is still running: its figures so far (shaded, hollow points).")
            .FirstOrDefault() ?? "";
}

/// <summary>
/// A stage's Kaplan–Meier figure: its curve (<see cref="Chart"/>) with the note under it, or, when there is no curve,
/// only the note saying why.
/// </summary>
public sealed record KaplanMeierFigure(TurnaroundGroup Stage, StepChart? Chart, string Note);
