using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Sla;

namespace DataAccessBroker.Infrastructure.Operations;

/// <summary>
/// A milestone on record (sla_firings) with what an admin needs to place it: the application, and for a stage task's
/// timer the task, its stage and the body whose clock it is (null for an application-level timer).
/// </summary>
public sealed record RecordedFiring(
    Guid TimerId,
    Guid ApplicationId,
    string ApplicationTitle,
    Guid? TaskId,
    Stage? Stage,
    string? Organisation,
    SlaMilestone Milestone,
    DateTimeOffset DueTime,
    DateTimeOffset FiredTime)
{
    /// <summary>Recorded minus due time: about the firing interval at most while the firing process keeps up.</summary>
    public TimeSpan Lateness => FiredTime - DueTime;
}
