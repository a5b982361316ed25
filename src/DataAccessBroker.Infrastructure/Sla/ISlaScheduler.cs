using DataAccessBroker.Domain.Sla;

namespace DataAccessBroker.Infrastructure.Sla;

/// <summary>
/// Asks the job runner to fire each timer's next milestones on time. Called after commit; when it fails or never
/// runs (crash), nothing is lost: the sweeper fires from the timers table.
/// </summary>
public interface ISlaScheduler
{
    Task ScheduleAsync(IReadOnlyCollection<SlaTimer> rescheduled, CancellationToken cancellationToken);
}
