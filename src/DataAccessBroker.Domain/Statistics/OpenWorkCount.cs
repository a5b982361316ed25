using DataAccessBroker.Domain.Sla;

namespace DataAccessBroker.Domain.Statistics;

/// <summary>
/// Where the open-work rollups count an open stage task besides its stage, body, purpose and opening month: by its
/// age and by whether its breach is on record.
/// </summary>
public readonly record struct OpenWorkCount(OpenTaskAge Age, bool Breached)
{
    /// <summary>The count of an open stage task's timer; null for a closed timer or one not on a stage task.</summary>
    public static OpenWorkCount? Of(SlaTimer timer) =>
        OpenTaskAge.Of(timer) is { } age ? new OpenWorkCount(age, timer.Fired.Contains(SlaMilestone.Breach)) : null;
}
