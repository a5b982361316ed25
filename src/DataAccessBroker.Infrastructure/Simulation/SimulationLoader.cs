using DataAccessBroker.Domain.Simulation;
using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Domain.Statistics;
using DataAccessBroker.Infrastructure.Persistence;
using DataAccessBroker.Infrastructure.Statistics;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Simulation;

/// <summary>
/// Runs the history simulator and stores what it produced exactly as live changes are stored (applications, events,
/// SLA timers, milestones fired, statistics deltas) through <see cref="ApplicationStore.SaveAsync"/>, a thousand
/// applications per transaction, and folds the deltas into the rollups in the same transaction. The first
/// transaction records the run in <c>simulation_runs</c>, the provenance flag of every statistics answer.
/// </summary>
public sealed class SimulationLoader(
    NpgsqlDataSource dataSource,
    ApplicationStore store,
    CatalogRepository catalog,
    SlaPolicy policy,
    TimeProvider clock)
{
    private const int ApplicationsPerTransaction = 1000;

    private static readonly IReadOnlyDictionary<Guid, OpenWorkCount> NothingCounted = new Dictionary<Guid, OpenWorkCount>();

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
            if (loaded == 0) await RecordRunAsync(connection, transaction, seed, count, months, cancellationToken);
            await store.SaveAsync(connection, transaction, chunk.Select(Change).ToList(), cancellationToken);
            await RollupFolder.FoldAllAsync(connection, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            loaded += chunk.Length;
            tasks += chunk.Sum(r => r.Application.Tasks.Count);
            events += chunk.Sum(r => r.Application.NewEvents.Count);
        }

        return (loaded, tasks, events);
    }

    private static async Task RecordRunAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int seed, int count, int months,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "insert into simulation_runs (seed, applications, months) values ($1, $2, $3)", connection, transaction);
        command.Parameters.AddValues((long)seed, count, months);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A simulated application is new: everything it holds is written, and its open work counted from nothing.</summary>
    private static ApplicationChange Change(SimulatedApplication simulated) =>
        new(simulated.Application, simulated.Timers, simulated.Timers, simulated.Firings, simulated.Changes,
            OpenWorkMove.Between(simulated.Application, simulated.Timers, NothingCounted).ToList());
}
