using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Domain.Statistics;

namespace DataAccessBroker.Infrastructure.Persistence;

/// <summary>
/// Everything one change to an application writes: the application with its tasks and new events, its timers (all,
/// for the answer) and those to store, the SLA milestones recorded, what the statistics gain, and the messages to
/// other nodes. Live commands, the firing
/// process and the loader of simulated history all store changes through <see cref="ApplicationStore.SaveAsync"/>.
/// </summary>
internal sealed record ApplicationChange(
    DataAccessApplication Application,
    IReadOnlyList<SlaTimer> Timers,
    IReadOnlyList<SlaTimer> TimersToStore,
    IReadOnlyList<SlaNotification> Fired,
    IReadOnlyList<StatisticsChange> Statistics,
    IReadOnlyList<OpenWorkMove> OpenWork)
{
    /// <summary>The application's stream key between nodes: its id at its home node.</summary>
    public Guid HomeApplication => Application.Origin?.ApplicationId ?? Application.Id;
}
