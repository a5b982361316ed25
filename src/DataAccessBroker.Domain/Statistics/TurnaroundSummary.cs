namespace DataAccessBroker.Domain.Statistics;

/// <summary>
/// The figures for one group (a stage, a body, or a stage at a body) over a period, from two sets of tasks: those
/// closed in the period (count to mean applicant wait), and the cohort opened in the period, followed to now
/// (Kaplan–Meier and the cohort's counts). A group that disclosure control hides (<see cref="Disclosure"/>) carries
/// only <see cref="Suppressed"/>: no count, no figure.
/// </summary>
public sealed record TurnaroundSummary(
    string Stage,
    string Body,
    bool Suppressed,
    long Count,
    double? MedianBusinessDays,
    double? P75BusinessDays,
    double? P90BusinessDays,
    double? MeanBusinessDays,
    double? MedianCalendarDays,
    double? P75CalendarDays,
    double? P90CalendarDays,
    double? MeanCalendarDays,
    double? SlaCompliance,
    double? MeanApplicantWaitBusinessDays,
    double? KaplanMeierMedianBusinessDays,
    double? KaplanMeierP90BusinessDays,
    CohortOutcome? Cohort,
    IReadOnlyList<SurvivalStep> KaplanMeierCurve)
{
    /// <summary>The cases disclosure control counts for the group: closed in the period, and the cohort censored.</summary>
    public static long Cases(TurnaroundTally tally) => tally.Count + tally.CohortCensoredCount;

    public static TurnaroundSummary Hidden(string stage, string body) =>
        new(stage, body, true, 0, null, null, null, null, null, null, null, null, null, null, null, null, null, []);

    public static TurnaroundSummary From(string stage, string body, TurnaroundTally tally, bool hidden)
    {
        if (hidden || Cases(tally) == 0) return Hidden(stage, body);

        double? Mean(double sum) => tally.Count == 0 ? null : Math.Round(sum / tally.Count, 2);
        var censored = tally.CohortCensored;
        return new TurnaroundSummary(
            stage, body, false, tally.Count,
            tally.BusinessDays.Percentile(0.5), tally.BusinessDays.Percentile(0.75), tally.BusinessDays.Percentile(0.9),
            Mean(tally.SumBusinessDays),
            tally.CalendarDays.Percentile(0.5), tally.CalendarDays.Percentile(0.75), tally.CalendarDays.Percentile(0.9),
            Mean(tally.SumCalendarDays),
            tally.Count == 0 ? null : Math.Round((double)tally.WithinSla / tally.Count, 4),
            Mean(tally.SumApplicantWaitBusinessDays),
            KaplanMeier.Quantile(tally.CohortCompleted, censored, 0.5),
            KaplanMeier.Quantile(tally.CohortCompleted, censored, 0.9),
            new CohortOutcome(tally.CohortCompleted.Count, tally.CohortOpen.Count, tally.CohortCancelled.Count,
                tally.CohortCompleted.Percentile(0.5)),
            KaplanMeier.Curve(tally.CohortCompleted, censored));
    }
}
