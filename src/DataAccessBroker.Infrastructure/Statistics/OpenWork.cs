using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Statistics;

namespace DataAccessBroker.Infrastructure.Statistics;

/// <summary>A row of open work: so many open tasks of one stage at one body, all of one age and breach state.</summary>
public sealed record OpenWork(Stage Stage, string Body, OpenTaskAge Age, bool Breached, long Tasks)
{
    public bool PausedOnApplicant => Age.ClockDay is null;

    public BacklogCount Count(BusinessDaysSince since) =>
        new(BacklogGroup.AgeBucketOf(Age.BusinessDaysOn(since)), Breached, PausedOnApplicant, Tasks);
}
