using DataAccessBroker.Contracts.V1;

namespace DataAccessBroker.Reporting;

/// <summary>
/// The cells of each statistics row, the same in the terminal and in the report: a turnaround group's tasks closed in
/// the period and its cohort opened in it, a backlog group, a bottleneck, a month of the trend. A suppressed group has
/// its name and the word, then blank cells, never zeros.
/// </summary>
public static class StatisticsRows
{
    private const int ClosedCells = 9;
    private const int CohortCells = 8;
    private const int BacklogCells = 8;
    private const int BottleneckCells = 4;

    public static string[] Closed(TurnaroundGroup g) => g.Suppressed
        ? Suppressed(g.Stage, g.Body, ClosedCells)
        :
        [
            Figures.Group(g.Stage, g.Body), $"{g.Count}",
            Figures.Days(g.HasMedianBusinessDays ? g.MedianBusinessDays : null),
            Figures.Days(g.HasP75BusinessDays ? g.P75BusinessDays : null),
            Figures.Days(g.HasP90BusinessDays ? g.P90BusinessDays : null),
            Figures.Days(g.HasMeanBusinessDays ? g.MeanBusinessDays : null),
            Figures.Days(g.HasMedianCalendarDays ? g.MedianCalendarDays : null),
            Figures.Percent(g.HasSlaCompliance ? g.SlaCompliance : null),
            Figures.Days(g.HasMeanApplicantWaitBusinessDays ? g.MeanApplicantWaitBusinessDays : null),
        ];

    public static string[] Cohort(TurnaroundGroup g) => g.Suppressed
        ? Suppressed(g.Stage, g.Body, CohortCells)
        :
        [
            Figures.Group(g.Stage, g.Body), Count(g.HasCohortOpened, g.CohortOpened),
            Count(g.HasCohortCompleted, g.CohortCompleted), Count(g.HasCohortOpen, g.CohortOpen),
            Count(g.HasCohortCancelled, g.CohortCancelled),
            Figures.Days(g.HasCohortClosedMedianBusinessDays ? g.CohortClosedMedianBusinessDays : null),
            Figures.Days(g.HasKaplanMeierMedianBusinessDays ? g.KaplanMeierMedianBusinessDays : null),
            Figures.Days(g.HasKaplanMeierP90BusinessDays ? g.KaplanMeierP90BusinessDays : null),
        ];

    public static string[] Backlog(BacklogGroup g) => g.Suppressed
        ? Suppressed(g.Stage, g.Body, BacklogCells)
        :
        [
            Figures.Group(g.Stage, g.Body), $"{g.Open}", $"{g.Overdue}", $"{g.PausedOnApplicant}",
            $"{g.Ages.GetValueOrDefault("0-10 bd")}", $"{g.Ages.GetValueOrDefault("10-30 bd")}",
            $"{g.Ages.GetValueOrDefault("30-60 bd")}", $"{g.Ages.GetValueOrDefault("60+ bd")}",
        ];

    public static string[] Bottleneck(Contracts.V1.Bottleneck b) => b.Suppressed
        ? Suppressed(b.Stage, b.Body, BottleneckCells)
        :
        [
            Figures.Group(b.Stage, b.Body), Figures.Percent(b.HasShareOfLeadTime ? b.ShareOfLeadTime : null),
            Figures.Percent(b.HasShareOfOverdue ? b.ShareOfOverdue : null),
            Figures.Days(b.HasMeanBusinessDays ? b.MeanBusinessDays : null),
        ];

    /// <summary>A month of applications; a month still running says so, a suppressed median says so.</summary>
    public static string[] Month(MonthTrend m) =>
    [
        m.Partial ? $"{Figures.Month(m.Month)} (partial)" : Figures.Month(m.Month), $"{m.Arrivals}", $"{m.Completions}",
        m.HasMedianLeadCalendarDays ? Figures.Days(m.MedianLeadCalendarDays) : Figures.Suppressed, $"{m.BacklogAtMonthEnd}",
    ];

    private static string Count(bool has, long value) => has ? $"{value}" : "–";

    private static string[] Suppressed(Stage stage, string body, int cells) =>
        [Figures.Group(stage, body), Figures.Suppressed, .. Enumerable.Repeat("", cells - 2)];
}
