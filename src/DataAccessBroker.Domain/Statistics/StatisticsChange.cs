using DataAccessBroker.Domain.Applications;

namespace DataAccessBroker.Domain.Statistics;

/// <summary>What one change to an application adds to the statistics.</summary>
public abstract record StatisticsChange
{
    /// <summary>A stage task closed: its interval.</summary>
    public sealed record TaskClosed(StageInterval Interval) : StatisticsChange;

    /// <summary>An application was submitted.</summary>
    public sealed record Arrived(Purpose Purpose, DateTimeOffset Time) : StatisticsChange;

    /// <summary>An application reached a final state, so many calendar days after submission.</summary>
    public sealed record Finished(Purpose Purpose, DateTimeOffset Time, double LeadCalendarDays) : StatisticsChange;
}
