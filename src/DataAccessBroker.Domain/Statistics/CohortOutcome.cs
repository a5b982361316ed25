namespace DataAccessBroker.Domain.Statistics;

/// <summary>
/// What became of the tasks opened in a period, by now: completed, still open, or cancelled (the application was
/// withdrawn, lapsed or refused elsewhere). Kaplan–Meier follows this cohort; <see cref="ClosedMedianBusinessDays"/>
/// is the median of its completed tasks alone, the figure the estimate corrects.
/// </summary>
public sealed record CohortOutcome(long Completed, long Open, long Cancelled, double? ClosedMedianBusinessDays)
{
    public long Opened => Completed + Open + Cancelled;
}
