using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Sla;

namespace DataAccessBroker.Infrastructure.Statistics;

/// <summary>A task still open: how long it has waited on its body so far (pauses excluded), and its deadline.</summary>
public sealed record OpenTask(Stage Stage, string Body, DateTimeOffset OpenedTime, SlaTimer? Timer)
{
    public DateTimeOffset? Deadline => Timer?.Deadline;

    public double BodyBusinessDays(DateTimeOffset now)
    {
        var business = WallClock.NorwegianBusinessDays;
        var waiting = (Timer?.Pauses ?? []).Sum(p => business.Measure(p.PausedTime, p.ResumedTime ?? now).TotalDays);
        return Math.Max(0, business.Measure(OpenedTime, now).TotalDays - waiting);
    }
}
