using DataAccessBroker.Domain.Sla;

namespace DataAccessBroker.Domain.Statistics;

/// <summary>
/// How long an open task has waited on its body, in a form that adds up: the business days it had already waited
/// when its clock last started (rounded down to the half day), and the Europe/Oslo day that clock started, null while
/// the task is paused on the applicant. Its age at the start of a later day is the carried days plus the whole
/// business days since, ordinal(day) − ordinal(clock day) in <see cref="BusinessCalendar"/>, which the statistics
/// queries work out in SQL. So open work can be counted in rows of (clock day, carried days) rather than task by task: the rows are
/// bounded by the days over which work is open, not by how much of it there is. The price is resolution: open ages
/// are counted in whole business days from the day the clock started.
/// </summary>
public readonly record struct OpenTaskAge(DateOnly? ClockDay, int CarriedHalfDays)
{
    /// <summary>The age of an open stage task's timer; null for a closed timer or one not on a stage task.</summary>
    public static OpenTaskAge? Of(SlaTimer timer)
    {
        if (timer.Subject != SlaTimerSubject.StageTask || timer.IsClosed) return null;
        var clockStart = timer.RunningSince ?? timer.Pauses[^1].PausedTime;
        var business = WallClock.NorwegianBusinessDays;
        var paused = timer.Pauses.Where(p => p.ResumedTime is not null)
            .Sum(p => business.Measure(p.PausedTime, p.ResumedTime!.Value).TotalDays);
        var carried = Math.Max(0, business.Measure(timer.StartTime, clockStart).TotalDays - paused);
        return new OpenTaskAge(
            timer.RunningSince is { } since ? WallClock.OsloDayOf(since) : null,
            (int)Math.Floor(carried / DurationHistogram.BucketDays + 1e-9));
    }

}
