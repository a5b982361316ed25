using DataAccessBroker.Domain.Sla;

namespace DataAccessBroker.Infrastructure.Sla;

/// <summary>The Hangfire job for one milestone of one timer. Reentrant: it only asks the firing service.</summary>
public sealed class SlaMilestoneJob(SlaFiringService firing)
{
    public Task FireAsync(Guid applicationId, Guid timerId, SlaMilestone milestone, CancellationToken cancellationToken) =>
        firing.FireIfDueAsync(applicationId, timerId, milestone, cancellationToken);
}
