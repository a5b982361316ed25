using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Catalog;
using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Domain.Statistics;
using DataAccessBroker.Infrastructure.Federation;
using DataAccessBroker.Infrastructure.Sla;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Persistence;

/// <summary>
/// Loads and stores whole applications (the application, its tasks, its SLA timers with their pauses and milestones)
/// in as few round trips as the work allows: a change reads in one, locking the application row, and writes in one,
/// whatever tables it touches. The statements come from the table repositories; this class only batches them.
/// </summary>
public sealed class ApplicationStore(SlaPolicy policy, CatalogRepository catalogs, TimeProvider clock)
{
    /// <summary>
    /// The first statement of a change's transaction. A change's statements are the same shape every time (one
    /// application, or a batch of them, by id), so their generic plans are as good as custom ones; PostgreSQL would
    /// otherwise plan the statements with array parameters afresh on every execution, about a fifth of its work per
    /// transition. Only for this transaction: queries whose best plan depends on their parameters keep custom plans.
    /// </summary>
    private static NpgsqlBatchCommand GenericPlans() => new("set local plan_cache_mode = force_generic_plan");

    /// <summary>One round trip: the applications, locked, with their parts, and the catalog when asked for.</summary>
    internal async Task<(Dictionary<Guid, TrackedApplication> Applications, CatalogSnapshot? Catalog)> LoadForUpdateAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<Guid> ids, bool withCatalog,
        CancellationToken cancellationToken)
    {
        var array = ids.ToArray();
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(GenericPlans());
        batch.BatchCommands.Add(ApplicationRepository.SelectApplications(array, forUpdate: true));
        AddParts(batch, array);
        if (withCatalog)
        {
            foreach (var command in catalogs.SelectSnapshot()) batch.BatchCommands.Add(command);
        }

        await using var r = await batch.ExecuteReaderAsync(cancellationToken);
        var rows = await ApplicationRepository.ReadApplicationsAsync(r, cancellationToken);
        await r.NextResultAsync(cancellationToken);
        var loaded = await ReadPartsAsync(rows, r, cancellationToken);
        CatalogSnapshot? catalog = null;
        if (withCatalog)
        {
            await r.NextResultAsync(cancellationToken);
            catalog = await catalogs.ReadSnapshotAsync(r, cancellationToken);
        }

        return (loaded.ToDictionary(t => t.Application.Id), catalog);
    }

    /// <summary>
    /// Two round trips: up to <paramref name="limit"/> applications with an SLA milestone due by
    /// <paramref name="now"/>, earliest first, locked (rows other transactions hold are skipped), then their parts.
    /// </summary>
    internal async Task<IReadOnlyList<TrackedApplication>> LoadDueForUpdateAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset now, int limit,
        CancellationToken cancellationToken)
    {
        List<(Guid Id, Func<IEnumerable<StageTask>, DataAccessApplication> Build)> rows;
        await using (var due = new NpgsqlBatch(connection, transaction))
        {
            due.BatchCommands.Add(GenericPlans());
            due.BatchCommands.Add(ApplicationRepository.SelectDueForUpdate(now, limit));
            await using var r = await due.ExecuteReaderAsync(cancellationToken);
            rows = await ApplicationRepository.ReadApplicationsAsync(r, cancellationToken);
        }

        if (rows.Count == 0) return [];
        await using var parts = new NpgsqlBatch(connection, transaction);
        AddParts(parts, rows.Select(row => row.Id).ToArray());
        await using var reader = await parts.ExecuteReaderAsync(cancellationToken);
        return await ReadPartsAsync(rows, reader, cancellationToken);
    }

    /// <summary>
    /// One round trip: the applications with their timers, in the order of the ids, each once (missing ones left out).
    /// </summary>
    public async Task<IReadOnlyList<ApplicationView>> LoadViewsAsync(
        NpgsqlConnection connection, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return [];
        var array = ids.Distinct().ToArray();
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(ApplicationRepository.SelectApplications(array, forUpdate: false));
        AddParts(batch, array);
        await using var r = await batch.ExecuteReaderAsync(cancellationToken);
        var rows = await ApplicationRepository.ReadApplicationsAsync(r, cancellationToken);
        await r.NextResultAsync(cancellationToken);
        var views = (await ReadPartsAsync(rows, r, cancellationToken))
            .ToDictionary(t => t.Application.Id, t => new ApplicationView(t.Application, t.Timers));
        return array.Where(views.ContainsKey).Select(id => views[id]).ToList();
    }

    /// <summary>
    /// One round trip: every table the changes touch, in one batch, with any <paramref name="alongside"/> statements
    /// after them. The caller commits.
    /// </summary>
    internal async Task SaveAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<ApplicationChange> changes,
        CancellationToken cancellationToken, params NpgsqlBatchCommand[] alongside)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        var commands = ApplicationRepository.SaveCommands(changes.Select(c => c.Application).ToList())
            .Concat(SlaTimerRepository.SaveCommands(changes.SelectMany(c => c.TimersToStore), policy.Thresholds))
            .Append(SlaTimerRepository.FiringCommand(changes.SelectMany(c => c.Fired).ToList()))
            .Concat(StatisticsStore.Commands(changes.SelectMany(c => c.Statistics).ToList(),
                changes.SelectMany(c => c.OpenWork).ToList()))
            .Append(NodeOutbox.Insert(changes.SelectMany(c => c.Application.Outgoing.Select(m => (c.HomeApplication, m)))
                .ToList(), clock.GetStoredUtcNow()))
            .Concat(alongside)
            .OfType<NpgsqlBatchCommand>();
        foreach (var command in commands) batch.BatchCommands.Add(command);
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParts(NpgsqlBatch batch, Guid[] ids)
    {
        batch.BatchCommands.Add(ApplicationRepository.SelectTasks(ids));
        batch.BatchCommands.Add(SlaTimerRepository.SelectTimers(ids));
    }

    /// <summary>Reads the results of <see cref="AddParts"/>, the reader standing at the tasks, and assembles each application.</summary>
    private static async Task<List<TrackedApplication>> ReadPartsAsync(
        List<(Guid Id, Func<IEnumerable<StageTask>, DataAccessApplication> Build)> rows, NpgsqlDataReader r,
        CancellationToken cancellationToken)
    {
        var tasks = await ApplicationRepository.ReadTasksAsync(r, cancellationToken);
        await r.NextResultAsync(cancellationToken);
        var timers = (await SlaTimerRepository.ReadTimersAsync(r, cancellationToken)).ToLookup(t => t.Timer.ApplicationId);
        return rows.Select(row => new TrackedApplication(row.Build(tasks[row.Id]), timers[row.Id].ToList())).ToList();
    }
}
