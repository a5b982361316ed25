using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Infrastructure.Observability;
using DataAccessBroker.Infrastructure.Persistence;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Sla;

/// <summary>
/// Records the SLA milestones that have fallen due, in batches read from the timers' due-time index: each batch
/// locks up to <see cref="BatchSize"/> applications with a milestone due, earliest first (rows a command holds are
/// skipped: that command settles them itself), settles them and stores everything in one transaction. Safe in any
/// number of processes at once: a milestone is recorded under its application's row lock, once.
/// </summary>
public sealed class SlaFiringService(
    NpgsqlDataSource dataSource,
    ApplicationStore store,
    SlaPolicy policy,
    BrokerMetrics metrics,
    TimeProvider clock,
    ILogger<SlaFiringService> logger)
{
    public const int BatchSize = 200;

    /// <summary>Fires batches until nothing more is due now; milestones falling due meanwhile join in due order.</summary>
    /// <returns>How many milestones this pass recorded.</returns>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        var recorded = 0;
        while (true)
        {
            var (applications, milestones) = await TransientConflicts.RetryAsync(
                () => FireBatchAsync(cancellationToken), cancellationToken);
            recorded += milestones;
            // A short batch took everything due; a batch that recorded nothing means others hold the rest.
            if (applications < BatchSize || milestones == 0) return recorded;
        }
    }

    private async Task<(int Applications, int Milestones)> FireBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = clock.GetStoredUtcNow();
        var due = await store.LoadDueForUpdateAsync(connection, transaction, now, BatchSize, cancellationToken);
        if (due.Count == 0) return (0, 0);

        using var activity = BrokerTelemetry.Source.StartActivity("sla.fire");
        activity?.SetTag("dab.applications", due.Count);
        var changes = due.Select(application =>
        {
            application.Settle(policy, now);
            return application.Complete(policy, now);
        }).ToList();
        await store.SaveAsync(connection, transaction, changes, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        foreach (var change in changes)
        {
            metrics.Recorded(change);
            foreach (var fired in change.Fired)
            {
                logger.LogInformation("SLA {Milestone} for {Recipient} on application {Application}: {Message}",
                    fired.Milestone, fired.Recipient, fired.ApplicationId, fired.Message);
            }
        }

        return (due.Count, changes.Sum(c => c.Fired.Count));
    }
}
