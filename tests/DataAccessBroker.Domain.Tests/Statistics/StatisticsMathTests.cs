using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Domain.Statistics;
using static DataAccessBroker.Domain.Tests.Sla.BusinessCalendarTests;

namespace DataAccessBroker.Domain.Tests.Statistics;

/// <summary>Every figure here was worked out by hand; the comments show the working.</summary>
public sealed class StatisticsMathTests
{
    private static DurationHistogram Histogram(params double[] days)
    {
        var histogram = new DurationHistogram();
        foreach (var d in days) histogram.Add(d);
        return histogram;
    }

    [Fact]
    public void Percentiles_follow_the_nearest_rank_method()
    {
        var histogram = Histogram(10, 1, 4, 2, 3); // sorted: 1 2 3 4 10

        Assert.Equal(3, histogram.Percentile(0.5));   // rank ⌈2.5⌉ = 3 → 3
        Assert.Equal(4, histogram.Percentile(0.75));  // rank ⌈3.75⌉ = 4 → 4
        Assert.Equal(10, histogram.Percentile(0.9));  // rank ⌈4.5⌉ = 5 → 10
        Assert.Null(new DurationHistogram().Percentile(0.5));
    }

    [Fact]
    public void Durations_resolve_to_half_days_and_long_ones_share_the_last_bucket()
    {
        var histogram = Histogram(2.4, 2.6, 900);

        Assert.Equal(2.0, histogram.Percentile(0.3));  // rank ⌈0.9⌉ = 1: 2.4 → [2.0, 2.5)
        Assert.Equal(2.5, histogram.Percentile(0.6));  // rank ⌈1.8⌉ = 2: 2.6 → [2.5, 3.0)
        Assert.Equal(365, histogram.Percentile(1.0));  // 900 → the 365-day overflow bucket
    }

    [Fact]
    public void Kaplan_Meier_counts_open_cases_that_the_closed_case_median_ignores()
    {
        // Completed after 2, 4 and 6 days; still open after 3 and 5 (censored).
        // t=2: 5 at risk, 1 event → S = 4/5 = 0.8
        // t=3: one censored → 3 at risk
        // t=4: 3 at risk, 1 event → S = 0.8 · 2/3 = 0.533
        // t=5: one censored → 1 at risk
        // t=6: 1 at risk, 1 event → S = 0
        var events = Histogram(2, 4, 6);
        var censored = Histogram(3, 5);

        var survival = KaplanMeier.Survival(events, censored);

        Assert.Equal(0.8, survival[DurationHistogram.BucketOf(2)], 6);
        Assert.Equal(0.8 * 2 / 3, survival[DurationHistogram.BucketOf(4)], 6);
        Assert.Equal(0, survival[DurationHistogram.BucketOf(6)], 6);
        Assert.Equal(6, KaplanMeier.Quantile(events, censored, 0.5)); // the closed-case median would say 4
        Assert.Equal(4, events.Percentile(0.5));
    }

    [Fact]
    public void Kaplan_Meier_has_no_median_while_most_cases_are_still_open()
    {
        // 1 completed after 1 day, 3 open after 2 days: S(1) = 3/4, never reaches 1/2.
        Assert.Null(KaplanMeier.Quantile(Histogram(1), Histogram(2, 2, 2), 0.5));
        Assert.Equal(1, KaplanMeier.Quantile(Histogram(1), Histogram(2, 2, 2), 0.25));
    }

    [Fact]
    public void Ties_count_censored_cases_as_at_risk_for_events_at_the_same_time()
    {
        // Events 1, 1; censored at 1 and 3: at t=1, 4 at risk, 2 events → S = 1/2 → median 1.
        Assert.Equal(1, KaplanMeier.Quantile(Histogram(1, 1), Histogram(1, 3), 0.5));
    }

    [Fact]
    public void A_hidden_group_carries_no_figures()
    {
        var tally = new TurnaroundTally();
        foreach (var days in new[] { 1.0, 2, 3, 4 }) tally.AddCompleted(Interval(days, 0, true));

        var summary = TurnaroundSummary.From("RekReview", "rek-vest", tally, hidden: true);

        Assert.True(summary.Suppressed);
        Assert.Equal(0, summary.Count);
        Assert.Null(summary.MedianBusinessDays);
        Assert.Null(summary.SlaCompliance);
    }

    [Fact]
    public void A_group_of_five_gets_every_figure()
    {
        var tally = new TurnaroundTally();
        tally.AddCompleted(Interval(1, 0, true));
        tally.AddCompleted(Interval(2, 1, true));
        tally.AddCompleted(Interval(3, 0, true));
        tally.AddCompleted(Interval(4, 3, false));
        tally.AddCompleted(Interval(10, 1, false));
        tally.AddOpen(12);

        var s = TurnaroundSummary.From("DataOwnerReview", "npr", tally, hidden: false);

        Assert.False(s.Suppressed);
        Assert.Equal(5, s.Count);
        Assert.Equal((3.0, 4.0, 10.0), (s.MedianBusinessDays!.Value, s.P75BusinessDays!.Value, s.P90BusinessDays!.Value));
        Assert.Equal(4.0, s.MeanBusinessDays);            // (1+2+3+4+10)/5
        Assert.Equal(0.6, s.SlaCompliance);               // 3 of 5 within
        Assert.Equal(1.0, s.MeanApplicantWaitBusinessDays); // (0+1+0+3+1)/5
        // KM: events 1 2 3 4 10, censored 12 → S: 5/6, 4/6, 3/6 at t=3 → median 3; p90 needs S ≤ 0.1: at 10, S = 1/6·… 
        // after t=4: S = 2/6; t=10: 2 at risk, 1 event → S = 1/6 ≈ 0.167 > 0.1, then only the censored case: no p90.
        Assert.Equal(3, s.KaplanMeierMedianBusinessDays);
        Assert.Null(s.KaplanMeierP90BusinessDays);
        // The cohort: the five completed and the one still open; the median of its completed tasks is 3.
        Assert.Equal((6L, 5L, 1L, 0L), (s.Cohort!.Opened, s.Cohort.Completed, s.Cohort.Open, s.Cohort.Cancelled));
        Assert.Equal(3.0, s.Cohort.ClosedMedianBusinessDays);
    }

    [Fact]
    public void An_interval_splits_time_waiting_on_the_body_from_time_waiting_on_the_applicant()
    {
        // Opened Monday 23 Nov 09:00; changes requested Wednesday 09:00; resubmitted Monday 30 Nov 09:00;
        // approved Tuesday 1 Dec 09:00. Body: Mon→Wed (2 bd) + Mon→Tue (1 bd) = 3 business days, 3 calendar days.
        // Applicant: Wed→Mon = 3 business days (Wed, Thu, Fri), 5 calendar days.
        var application = TestApplications.InState(ApplicationState.RekReview);
        var task = application.Tasks.Single();
        var timer = SlaTimer.Restore(task.Id, application.Id, SlaTimerSubject.StageTask, task.Id, "rek-vest",
            SlaAllowance.BusinessDays(2), Oslo(2026, 11, 23, 9, 0), TimeSpan.FromDays(3), null, Oslo(2026, 12, 1, 9, 0),
            [new SlaPause(Oslo(2026, 11, 25, 9, 0), Oslo(2026, 11, 30, 9, 0))], []);
        var closedTask = StageTask.Restore(task.Id, task.Stage, task.Organisation, null, StageTaskStatus.Approved,
            Oslo(2026, 11, 23, 9, 0), Oslo(2026, 12, 1, 9, 0), "vera", null, null, 2);

        var interval = StageInterval.Of(closedTask, timer, Purpose.HealthResearch, Oslo(2026, 12, 24, 0, 0));

        Assert.Equal((3.0, 3.0), (interval.BodyBusinessDays, interval.BodyCalendarDays));
        Assert.Equal((3.0, 5.0), (interval.ApplicantWaitBusinessDays, interval.ApplicantWaitCalendarDays));
        Assert.False(interval.WithinSla); // 3 business days used of 2
        Assert.True(interval.IsCompleted);
    }

    private static StageInterval Interval(double bodyDays, double applicantDays, bool withinSla) =>
        new(Guid.NewGuid(), Stage.DataOwnerReview, "npr", Purpose.HealthResearch, DateTimeOffset.UnixEpoch,
            DateTimeOffset.UnixEpoch, StageTaskStatus.Approved, bodyDays, bodyDays, applicantDays, applicantDays, withinSla);
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Within_one_cohort_Kaplan_Meier_is_never_below_the_closed_quantile(int seed)
    {
        // What the report claims: censoring (open and cancelled tasks) only moves weight to later times.
        var random = new Random(seed);
        for (var cohort = 0; cohort < 200; cohort++)
        {
            var events = Histogram(Enumerable.Range(0, random.Next(1, 30)).Select(_ => random.Next(0, 120) / 2.0).ToArray());
            var censored = Histogram(Enumerable.Range(0, random.Next(0, 30)).Select(_ => random.Next(0, 120) / 2.0).ToArray());
            foreach (var p in new[] { 0.5, 0.75, 0.9 })
            {
                var estimate = KaplanMeier.Quantile(events, censored, p);
                Assert.True(estimate is null || estimate >= events.Percentile(p),
                    $"cohort {cohort}: Kaplan–Meier {estimate} below the closed quantile {events.Percentile(p)} at p = {p}");
            }
        }
    }

    [Fact]
    public void The_curve_steps_where_the_share_not_completed_changes()
    {
        // Events at 2, 4 and 6 days, censored at 3 and 5: 1 → 0.8 at 2 → 0.533 at 4 → 0 at 6; nothing at 3 or 5.
        var curve = KaplanMeier.Curve(Histogram(2, 4, 6), Histogram(3, 5));

        Assert.Equal([(0.0, 1.0), (2.0, 0.8), (4.0, 0.5333), (6.0, 0.0)],
            curve.Select(s => (s.BusinessDays, Math.Round(s.ShareNotCompleted, 4))));
    }

    [Fact]
    public void Cancelled_and_open_tasks_are_both_censored_but_counted_apart()
    {
        var tally = new TurnaroundTally();
        tally.AddCohort(Histogram(2, 4, 6), Histogram(3));
        tally.AddOpen(5);

        var s = TurnaroundSummary.From("DataOwnerReview", "npr", tally, hidden: false);

        Assert.Equal((5L, 3L, 1L, 1L), (s.Cohort!.Opened, s.Cohort.Completed, s.Cohort.Open, s.Cohort.Cancelled));
        Assert.Equal(6, s.KaplanMeierMedianBusinessDays); // the same as with both censored: S(4) = 0.533, S(6) = 0
        Assert.Equal(4, s.Cohort.ClosedMedianBusinessDays);
    }
}
