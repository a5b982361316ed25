namespace DataAccessBroker.Domain.Statistics;

/// <summary>
/// Running sums for one group: histograms of completed durations (time waiting on the body, in business and calendar
/// days), their sums for means, how many met their SLA, the applicant's waiting time kept apart, and the cohort
/// histograms Kaplan–Meier needs (completions and censored cases by how long they had run).
/// </summary>
public sealed class TurnaroundTally
{
    public DurationHistogram BusinessDays { get; } = new();
    public DurationHistogram CalendarDays { get; } = new();
    public double SumBusinessDays { get; private set; }
    public double SumCalendarDays { get; private set; }
    public double SumApplicantWaitBusinessDays { get; private set; }
    public long WithinSla { get; private set; }
    public DurationHistogram CohortEvents { get; } = new();
    public DurationHistogram CohortCensored { get; } = new();

    public long Count => BusinessDays.Count;
    public long CensoredCount => CohortCensored.Count;

    public void AddCompleted(StageInterval interval)
    {
        BusinessDays.Add(interval.BodyBusinessDays);
        CalendarDays.Add(interval.BodyCalendarDays);
        SumBusinessDays += interval.BodyBusinessDays;
        SumCalendarDays += interval.BodyCalendarDays;
        SumApplicantWaitBusinessDays += interval.ApplicantWaitBusinessDays;
        if (interval.WithinSla) WithinSla++;
        CohortEvents.Add(interval.BodyBusinessDays);
    }

    public void AddCensored(double businessDaysSoFar, long count = 1) => CohortCensored.Add(businessDaysSoFar, count);

    /// <summary>Adds a stored rollup of completed work (its cohort figures come from their own rollup).</summary>
    public void AddCompleted(
        DurationHistogram business, DurationHistogram calendar, double sumBusiness, double sumCalendar,
        double sumApplicantWait, long withinSla)
    {
        BusinessDays.Add(business);
        CalendarDays.Add(calendar);
        SumBusinessDays += sumBusiness;
        SumCalendarDays += sumCalendar;
        SumApplicantWaitBusinessDays += sumApplicantWait;
        WithinSla += withinSla;
    }

    public void AddCohort(DurationHistogram events, DurationHistogram censored)
    {
        CohortEvents.Add(events);
        CohortCensored.Add(censored);
    }
}
