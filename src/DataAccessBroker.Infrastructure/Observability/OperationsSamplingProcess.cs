using DataAccessBroker.Infrastructure.Persistence;
using DataAccessBroker.Infrastructure.Processes;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Observability;

/// <summary>
/// Samples the gauges that need a query every few seconds, so a metrics scrape never waits on the database: the
/// firing backlog (timers with a milestone due and not recorded) and the depth of the outboxes (notifications, and
/// messages to peer nodes).
/// </summary>
public sealed class OperationsSamplingProcess(
    NpgsqlDataSource dataSource, BrokerMetrics metrics, TimeProvider clock, ProcessHealth health,
    ILogger<OperationsSamplingProcess> logger) : PollingProcess(health, logger)
{
    public const string ProcessName = "operations-sampling";

    /// <summary>The outbox is counted up to here: a count must stay cheap however far behind a sender is.</summary>
    public const int OutboxCountCap = 100_000;

    public override string Name => ProcessName;

    public override TimeSpan Interval => TimeSpan.FromSeconds(5);

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        metrics.ObserveDueUnfired(
            await SlaTimerRepository.CountDueAsync(connection, clock.GetStoredUtcNow(), cancellationToken));
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(ParameterValues.Statement(
            "select count(*) from (select 1 from notifications where sent_time is null limit $1) unsent", OutboxCountCap));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("select count(*) from node_outbox where sent_time is null"));
        await using var r = await batch.ExecuteReaderAsync(cancellationToken);
        await r.ReadAsync(cancellationToken);
        metrics.ObserveOutboxDepth("notifications", r.GetInt64(0));
        await r.NextResultAsync(cancellationToken);
        await r.ReadAsync(cancellationToken);
        metrics.ObserveOutboxDepth("node", r.GetInt64(0));
    }
}
