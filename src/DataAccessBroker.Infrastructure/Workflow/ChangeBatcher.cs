using System.Threading.Channels;
using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Catalog;
using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Infrastructure.Observability;
using DataAccessBroker.Infrastructure.Persistence;
using DataAccessBroker.Infrastructure.Sla;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Workflow;

/// <summary>
/// Runs commands on applications in shared transactions. A command waits in one of a few lanes (chosen by its
/// application); a lane takes everything waiting, at most one command per application, locks those applications in
/// id order, runs each command on its own application, writes every change in one batch and commits once. Alone, a
/// command is a batch of one: three round trips. Under load, many commands share those three round trips and one
/// commit, which is what lets the broker keep pace with its database (per-statement and per-commit costs dominate a
/// transition's work in PostgreSQL). A command the domain refuses fails alone, and its application is not written;
/// a failure of the transaction itself fails the batch's commands (or, for a conflict, runs the batch again).
/// </summary>
public sealed class ChangeBatcher : IAsyncDisposable
{
    /// <summary>The most commands one transaction takes.</summary>
    public const int MaxBatch = 64;

    private readonly NpgsqlDataSource _dataSource;
    private readonly ApplicationStore _store;
    private readonly SlaPolicy _policy;
    private readonly BrokerMetrics _metrics;
    private readonly TimeProvider _clock;
    private readonly Channel<PendingChange>[] _lanes;
    private readonly Task[] _running;

    public ChangeBatcher(
        NpgsqlDataSource dataSource, ApplicationStore store, SlaPolicy policy, BrokerMetrics metrics, TimeProvider clock)
    {
        (_dataSource, _store, _policy, _metrics, _clock) = (dataSource, store, policy, metrics, clock);
        // Two lanes keep a batch in preparation while another waits on the database, and give PostgreSQL's second
        // core work; one application always uses the same lane, so its commands never race each other.
        _lanes = Enumerable.Range(0, 2)
            .Select(_ => Channel.CreateUnbounded<PendingChange>(new UnboundedChannelOptions { SingleReader = true }))
            .ToArray();
        _running = _lanes.Select(lane => Task.Run(() => RunLaneAsync(lane.Reader))).ToArray();
    }

    /// <param name="authorize">
    /// Refuses a caller who may not act (NOT_FOUND, also when the application does not exist; stale etag) and names
    /// the acting role.
    /// </param>
    /// <param name="change">The domain command; it runs after the milestones already due have been settled.</param>
    public async Task<ApplicationView> ChangeAsync(
        string action, Guid applicationId, bool withCatalog, Func<DataAccessApplication?, Actor> authorize,
        Action<DataAccessApplication, Actor, CatalogSnapshot?, DateTimeOffset> change, CancellationToken cancellationToken)
    {
        using var timing = _metrics.Transition(action);
        var pending = new PendingChange(applicationId, withCatalog, authorize, change, cancellationToken);
        var lane = _lanes[(applicationId.GetHashCode() & int.MaxValue) % _lanes.Length];
        if (!lane.Writer.TryWrite(pending)) throw new BrokerStoppingException();
        var view = await pending.Completion.Task.WaitAsync(cancellationToken);
        timing.Succeeded();
        return view;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lane in _lanes) lane.Writer.TryComplete();
        await Task.WhenAll(_running);
    }

    private async Task RunLaneAsync(ChannelReader<PendingChange> reader)
    {
        // A second command for an application already in the batch waits for the next one, in arrival order.
        var deferred = new Queue<PendingChange>();
        while (deferred.Count > 0 || await reader.WaitToReadAsync())
        {
            var batch = new List<PendingChange>();
            var applications = new HashSet<Guid>();
            var waiting = deferred.Count;
            while (batch.Count < MaxBatch && (waiting-- > 0 ? deferred.TryDequeue(out var next) : reader.TryRead(out next)))
            {
                if (next.CancellationToken.IsCancellationRequested) next.Completion.TrySetCanceled(next.CancellationToken);
                else if (applications.Add(next.ApplicationId)) batch.Add(next);
                else deferred.Enqueue(next);
            }

            if (batch.Count > 0) await RunBatchAsync(batch);
        }
    }

    private async Task RunBatchAsync(List<PendingChange> batch)
    {
        try
        {
            await TransientConflicts.RetryAsync(() => AttemptAsync(batch), CancellationToken.None);
        }
        catch (Exception e)
        {
            foreach (var pending in batch) pending.Completion.TrySetException(e);
        }
    }

    /// <summary>One transaction for the commands of the batch that have no answer yet.</summary>
    private async Task<bool> AttemptAsync(List<PendingChange> batch)
    {
        var open = batch.Where(p => !p.Completion.Task.IsCompleted).ToList();
        if (open.Count == 0) return true;
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var (loaded, catalog) = await _store.LoadForUpdateAsync(connection, transaction,
            open.Select(p => p.ApplicationId).ToList(), open.Any(p => p.WithCatalog), CancellationToken.None);
        var now = _clock.GetStoredUtcNow();
        var done = new List<(PendingChange Pending, ApplicationChange Change)>();
        foreach (var pending in open)
        {
            var tracked = loaded.GetValueOrDefault(pending.ApplicationId);
            try
            {
                var actor = pending.Authorize(tracked?.Application);
                // Milestones that fell due before this change are recorded first, whether or not a firing process ran.
                tracked!.Settle(_policy, now);
                pending.Change(tracked.Application, actor, catalog, now);
                done.Add((pending, tracked.Complete(_policy, now)));
            }
            catch (Exception e)
            {
                // Refused (or broken): this command alone fails, and its application, possibly half-changed in
                // memory, is not written.
                pending.Completion.TrySetException(e);
            }
        }

        await _store.SaveAsync(connection, transaction, done.Select(d => d.Change).ToList(), CancellationToken.None);
        await transaction.CommitAsync();
        foreach (var (pending, change) in done)
        {
            _metrics.Recorded(change);
            pending.Completion.TrySetResult(new ApplicationView(change.Application, change.Timers));
        }

        return true;
    }

    private sealed record PendingChange(
        Guid ApplicationId,
        bool WithCatalog,
        Func<DataAccessApplication?, Actor> Authorize,
        Action<DataAccessApplication, Actor, CatalogSnapshot?, DateTimeOffset> Change,
        CancellationToken CancellationToken)
    {
        // Continuations run on their own: the lane must not run a caller's code before it takes its next batch.
        public TaskCompletionSource<ApplicationView> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
