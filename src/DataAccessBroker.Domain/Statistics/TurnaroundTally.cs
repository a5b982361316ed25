namespace DataAccessBroker.Domain.Statistics;

/// <summary>
/// Running sums for one group: histograms of completed durations (time waiting on the body, in business and calendar
/// days), their sums for means, how many met their SLA, the applicant's waiting time kept apart; and the cohort
/// Kaplan–Meier follows: tasks opened in the period, by how long they ran, completed, cancelled or still open.
/// </summary>
public sealed class TurnaroundTally
{
    public DurationHistogram BusinessDays { get; } = new();
    public DurationHistogram CalendarDays { get; } = new();
    public double SumBusinessDays { get; private set; }
    public double SumCalendarDays { get; private set; }
    public double SumApplicantWaitBusinessDays { get; private set; }
    public long WithinSla { get; private set; }
    public DurationHistogram CohortCompleted { get; } = new();
    public DurationHistogram CohortCancelled { get; } = new();
    public DurationHistogram CohortOpen { get; } = new();

    public long Count => BusinessDays.Count;

    /// <summary>The cohort's tasks Kaplan–Meier censors: cancelled ones at cancellation, open ones at their age now.</summary>
    public DurationHistogram CohortCensored
    {
        get
        {
            var censored = new DurationHistogram();
            censored.Add(CohortCancelled);
            censored.Add(CohortOpen);
            return censored;
        }
    }

    public long CohortCensoredCount => CohortCancelled.Count + CohortOpen.Count;

    public void AddCompleted(StageInterval interval)
    {
        BusinessDays.Add(interval.BodyBusinessDays);
        CalendarDays.Add(interval.BodyCalendarDays);
        SumBusinessDays += interval.BodyBusinessDays;
        SumCalendarDays += interval.BodyCalendarDays;
        SumApplicantWaitBusinessDays += interval.ApplicantWaitBusinessDays;
        if (interval.WithinSla) WithinSla++;
        CohortCompleted.Add(interval.BodyBusinessDays);
    }

    /// <summary>Adds tasks of the cohort still open, at the age (business days on the body) they have reached.</summary>
    public void AddOpen(double businessDaysSoFar, long count = 1) => CohortOpen.Add(businessDaysSoFar, count);

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

    /// <summary>Adds the cohort's closed tasks: completed (Kaplan–Meier's events) and cancelled.</summary>
    public void AddCohort(DurationHistogram completed, DurationHistogram cancelled)
    {
        CohortCompleted.Add(completed);
        CohortCancelled.Add(cancelled);
    }
}
