using DataAccessBroker.Domain.Simulation;
using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Infrastructure.Persistence;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Simulation;

/// <summary>
/// Runs the history simulator and stores what it produced exactly as live commands store it (applications, events,
/// SLA timers, milestones fired, statistics) in the same set-based statements, a thousand applications per
/// transaction.
/// </summary>
public sealed class SimulationLoader(
    NpgsqlDataSource dataSource,
    ApplicationRepository applications,
    SlaTimerRepository timers,
    StatisticsStore statistics,
    CatalogRepository catalog,
    SlaPolicy policy,
    TimeProvider clock)
{
    private const int ApplicationsPerTransaction = 1000;

    public async Task<(int Applications, long Tasks, long Events)> LoadAsync(
        int seed, int count, int months, CancellationToken cancellationToken)
    {
        var end = clock.GetUtcNow();
        var simulator = new HistorySimulator(new SimulationProfile(), policy, await catalog.SnapshotAsync(cancellationToken));
        var (loaded, tasks, events) = (0, 0L, 0L);
        foreach (var chunk in simulator.Run(seed, count, end.AddMonths(-months), end).Chunk(ApplicationsPerTransaction))
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await applications.SaveAsync(connection, transaction, chunk.Select(r => r.Application).ToList(), cancellationToken);
            await timers.SaveAsync(connection, transaction, chunk.SelectMany(r => r.Timers), policy.Thresholds, cancellationToken);
            await timers.RecordFiringsAsync(connection, transaction, chunk.SelectMany(r => r.Firings).ToList(), cancellationToken);
            await statistics.RecordAsync(connection, transaction, chunk.SelectMany(r => r.Changes), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            loaded += chunk.Length;
            tasks += chunk.Sum(r => r.Application.Tasks.Count);
            events += chunk.Sum(r => r.Application.NewEvents.Count);
        }

        return (loaded, tasks, events);
    }
}
