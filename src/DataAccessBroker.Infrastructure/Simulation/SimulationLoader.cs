using DataAccessBroker.Domain.Simulation;
using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Infrastructure.Persistence;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Simulation;

/// <summary>
/// Runs the history simulator and stores what it produced exactly as live commands store it (applications, events,
/// SLA timers, statistics), a few hundred applications per transaction.
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
    private const int ApplicationsPerTransaction = 250;

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
            foreach (var run in chunk)
            {
                await applications.SaveAsync(connection, transaction, run.Application, cancellationToken);
                await timers.SaveAsync(connection, transaction, run.Timers, policy.Thresholds, cancellationToken);
                await statistics.RecordAsync(connection, transaction, run.Changes, cancellationToken);
                tasks += run.Application.Tasks.Count;
                events += run.Application.NewEvents.Count;
            }

            await transaction.CommitAsync(cancellationToken);
            loaded += chunk.Length;
        }

        return (loaded, tasks, events);
    }
}
