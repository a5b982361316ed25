using DataAccessBroker.Infrastructure.Persistence;
using DataAccessBroker.Infrastructure.Processes;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Observability;

/// <summary>
/// Samples the gauges that need a query every few seconds, so a metrics scrape never waits on the database: the
/// firing backlog (timers with a milestone due and not recorded) and the depth of the notification outbox.
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
        await using var command = new NpgsqlCommand(
            "select count(*) from (select 1 from notifications where sent_time is null limit $1) unsent", connection);
        command.Parameters.AddValues(OutboxCountCap);
        metrics.ObserveOutboxDepth((long)(await command.ExecuteScalarAsync(cancellationToken))!);
    }
}
