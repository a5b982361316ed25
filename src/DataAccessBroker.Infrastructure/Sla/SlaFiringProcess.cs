using DataAccessBroker.Infrastructure.Processes;
using Microsoft.Extensions.Logging;

namespace DataAccessBroker.Infrastructure.Sla;

/// <summary>
/// Fires due SLA milestones every <see cref="SlaOptions.FiringInterval"/> (half a second by default), in every broker
/// on the database: they share the work through <c>skip locked</c>, and a broker that starts after a crash or an
/// outage catches up at once, oldest first.
/// </summary>
public sealed class SlaFiringProcess(SlaFiringService firing, SlaOptions options, ProcessHealth health, ILogger<SlaFiringProcess> logger)
    : PollingProcess(health, logger)
{
    public const string ProcessName = "sla-firing";

    public override string Name => ProcessName;

    public override TimeSpan Interval => options.FiringInterval;

    protected override Task RunAsync(CancellationToken cancellationToken) => firing.FireDueAsync(cancellationToken);
}
