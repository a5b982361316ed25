using DataAccessBroker.Cli.Statistics;
using DataAccessBroker.Contracts.V1;
using Google.Protobuf.WellKnownTypes;

namespace DataAccessBroker.IntegrationTests;

/// <summary>
/// A report's worth of answers as a busy broker gives them, built by hand so that every case the report draws is in
/// it: four stages, several registries (one suppressed), a calendar-day allowance, two years of months with a
/// suppressed median and a partial last month, a scope with every filter, simulated history.
/// </summary>
public static class SampleReport
{
    public static StatisticsSnapshot Snapshot(bool simulated = true, bool withScope = true)
    {
        var scope = new StatisticsScope
        {
            StartMonth = Month(2026, 1), EndMonth = Month(2026, 12), Partial = true, Purpose = Purpose.HealthResearch,
            DataSource = "", RekCommittee = "rek-vest", SuppressionThreshold = 7, Simulated = simulated,
            ComputeTime = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 24, 9, 30, 0, TimeSpan.Zero)),
        };
        var turnaround = new GetTurnaroundResponse
        {
            Groups =
            {
                Group(Stage.RekReview, "", 180, 31, 38, 12, 2, 240, 35, 80),
                Group(Stage.DataOwnerReview, "", 410, 24, 27, 9, 4, 520, 29, 70),
                Group(Stage.DataOwnerReview, "kreftregisteret", 160, 19, 21, 6, 3, 190, 22, 44),
                Group(Stage.DataOwnerReview, "npr", 150, 33, 36, 14, 5, 200, 40, 105),
                Group(Stage.DataOwnerReview, "reseptregisteret", 100, 15, 16, 4, 1, 130, 17, 28),
                new TurnaroundGroup { Stage = Stage.DataOwnerReview, Body = "msis", Suppressed = true },
                Group(Stage.HdsDecision, "", 170, 18, 19, 3, 0, 210, 21, 36),
                Group(Stage.DataDelivery, "", 150, 41, 45, 0, 0, 200, 52, 140),
                Group(Stage.DataDelivery, "kreftregisteret", 70, 36, 39, 0, 0, 90, 44, 120),
                Group(Stage.DataDelivery, "npr", 80, 47, 50, 0, 0, 110, 58, 150),
            },
            SlaAllowances =
            {
                new StageAllowance { Stage = Stage.RekReview, Days = 60, BusinessDays = false },
                new StageAllowance { Stage = Stage.DataOwnerReview, Days = 30, BusinessDays = true },
                new StageAllowance { Stage = Stage.DataOwnerReview, Days = 60, BusinessDays = true, AppliesTo = "linked sources" },
                new StageAllowance { Stage = Stage.HdsDecision, Days = 30, BusinessDays = true },
                new StageAllowance { Stage = Stage.DataDelivery, Days = 60, BusinessDays = true },
            },
        };
        if (withScope) turnaround.Scope = scope;
        var backlog = new GetBacklogResponse
        {
            AsOfTime = scope.ComputeTime,
            Groups =
            {
                Open(Stage.RekReview, "", 41, 6), Open(Stage.DataOwnerReview, "", 88, 19), Open(Stage.DataOwnerReview, "npr", 52, 15),
                new BacklogGroup { Stage = Stage.DataOwnerReview, Body = "msis", Suppressed = true },
                Open(Stage.HdsDecision, "", 23, 1), Open(Stage.DataDelivery, "", 47, 12),
            },
        };
        var trend = new GetMonthlyTrendResponse
        {
            Months =
            {
                Enumerable.Range(0, 23).Select(i => new MonthTrend
                {
                    Month = Month(2025 + (i + 1) / 12, (i + 1) % 12 + 1), Arrivals = 70 + i % 5 * 6, Completions = 40 + i * 2,
                    MedianLeadCalendarDays = 190 - i * 2, BacklogAtMonthEnd = 120 + i * 9, Partial = i == 22,
                }),
            },
        };
        trend.Months[3].ClearMedianLeadCalendarDays(); // fewer completions than the threshold that month
        var bottlenecks = new GetBottlenecksResponse
        {
            Bottlenecks =
            {
                new Bottleneck { Stage = Stage.DataDelivery, Body = "npr", ShareOfLeadTime = 0.31, ShareOfOverdue = 0.4, MeanBusinessDays = 50 },
                new Bottleneck { Stage = Stage.DataOwnerReview, Body = "npr", ShareOfLeadTime = 0.22, ShareOfOverdue = 0.3, MeanBusinessDays = 36 },
                new Bottleneck { Stage = Stage.RekReview, Body = "rek-vest", ShareOfLeadTime = 0.2, ShareOfOverdue = 0.1, MeanBusinessDays = 38 },
                new Bottleneck { Stage = Stage.DataOwnerReview, Body = "msis", Suppressed = true },
            },
        };
        if (withScope) (backlog.Scope, trend.Scope, bottlenecks.Scope) = (scope, scope, scope);
        var filter = new StatisticsFilter { StartDate = Month(2026, 1), EndDate = Month(2026, 12), RekCommittee = "rek-vest" };
        return new StatisticsSnapshot(filter, turnaround, backlog, trend, bottlenecks);
    }

    /// <summary>A stage or body whose cohort completes steadily until it is about <paramref name="kmMedian"/> days old.</summary>
    private static TurnaroundGroup Group(Stage stage, string body, long count, double median, double kmMedian,
        double applicantWait, long cancelled, long opened, double p90, double span)
    {
        var open = opened / 5;
        var group = new TurnaroundGroup
        {
            Stage = stage, Body = body, Count = count, MedianBusinessDays = median, P75BusinessDays = median * 1.3,
            P90BusinessDays = p90, MeanBusinessDays = median * 1.1, MedianCalendarDays = median * 1.45, SlaCompliance = 0.81,
            MeanApplicantWaitBusinessDays = applicantWait, KaplanMeierMedianBusinessDays = kmMedian,
            KaplanMeierP90BusinessDays = span, CohortOpened = opened, CohortOpen = open, CohortCancelled = cancelled,
            CohortCompleted = opened - open - cancelled, CohortClosedMedianBusinessDays = median - 1,
        };
        group.KaplanMeierCurve.Add(new SurvivalStep { BusinessDays = 0, ShareNotCompleted = 1 });
        for (var day = 2.0; day <= span; day += 2)
        {
            group.KaplanMeierCurve.Add(new SurvivalStep { BusinessDays = day, ShareNotCompleted = Math.Exp(-day / kmMedian * Math.Log(2)) });
        }

        return group;
    }

    private static BacklogGroup Open(Stage stage, string body, long open, long overdue) => new()
    {
        Stage = stage, Body = body, Open = open, Overdue = overdue, PausedOnApplicant = open / 8,
        Ages = { ["0-10 bd"] = open / 2, ["10-30 bd"] = open / 4, ["30-60 bd"] = open / 8, ["60+ bd"] = open - open / 2 - open / 4 - open / 8 },
    };

    private static Google.Type.Date Month(int year, int month) => new() { Year = year, Month = month, Day = 1 };
}
