using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Sla;

namespace DataAccessBroker.Domain.Statistics;

/// <summary>
/// One stage task as the statistics see it: when it opened and closed, how long it waited on the body (its clock
/// running) and how long on the applicant (its clock paused), in business and calendar days, and whether it met its
/// SLA. No identities and no free text: this is what analysts may read and export.
/// </summary>
public sealed record StageInterval(
    Guid TaskId,
    Stage Stage,
    string Body,
    Purpose Purpose,
    DateTimeOffset OpenedTime,
    DateTimeOffset? ClosedTime,
    StageTaskStatus Outcome,
    double BodyBusinessDays,
    double BodyCalendarDays,
    double ApplicantWaitBusinessDays,
    double ApplicantWaitCalendarDays,
    bool WithinSla)
{
    /// <summary>A task's interval as of <paramref name="now"/> (its close time, if closed), from its timer's pauses.</summary>
    public static StageInterval Of(StageTask task, SlaTimer timer, Purpose purpose, DateTimeOffset now)
    {
        var end = task.ClosedTime ?? now;
        var pauses = timer.Pauses.Select(p => (From: p.PausedTime, To: p.ResumedTime ?? end)).ToList();
        double Days(ISlaClock clock, DateTimeOffset from, DateTimeOffset to) => clock.Measure(from, to).TotalDays;
        double Waiting(ISlaClock clock) => pauses.Sum(p => Days(clock, p.From, p.To));
        var business = WallClock.NorwegianBusinessDays;
        var calendar = WallClock.OsloCalendarDays;
        var waitBusiness = Waiting(business);
        var waitCalendar = Waiting(calendar);
        return new StageInterval(
            task.Id, task.Stage, task.Body, purpose, task.OpenedTime, task.ClosedTime,
            task.Status,
            Math.Round(Days(business, task.OpenedTime, end) - waitBusiness, 4),
            Math.Round(Days(calendar, task.OpenedTime, end) - waitCalendar, 4),
            Math.Round(waitBusiness, 4), Math.Round(waitCalendar, 4),
            timer.ConsumedAt(end) <= timer.Allowance.Amount);
    }

    /// <summary>Approved, rejected or delivered: the body finished its work. Cancelled tasks count as censored.</summary>
    public bool IsCompleted => Outcome is StageTaskStatus.Approved or StageTaskStatus.Rejected or StageTaskStatus.Delivered;
}
