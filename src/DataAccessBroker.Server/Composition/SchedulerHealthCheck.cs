using DataAccessBroker.Infrastructure.Processes;
using DataAccessBroker.Infrastructure.Sla;
using Hangfire.Server;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DataAccessBroker.Server.Composition;

/// <summary>
/// Ready when every background process of this broker has completed a pass lately: a broker whose SLA firing has
/// stalled cannot keep its promises. A broker that runs no background processes (Jobs:RunServer=false) has none to
/// wait for.
/// </summary>
public sealed class SchedulerHealthCheck(IEnumerable<IBackgroundProcess> processes, ProcessHealth health, SlaOptions sla)
    : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var names = processes.OfType<PollingProcess>().Select(p => p.Name).ToList();
        // Ten firing intervals, and never less than ten seconds: long enough for a slow pass, short for an outage.
        var stale = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(10).Ticks, sla.FiringInterval.Ticks * 10));
        var stalled = health.Stalled(names, stale);
        return Task.FromResult(stalled.Count == 0
            ? HealthCheckResult.Healthy(names.Count == 0 ? "no background processes run here" : $"{names.Count} background processes working")
            : HealthCheckResult.Unhealthy($"no pass completed within {stale.TotalSeconds:0} s: {string.Join(", ", stalled)}"));
    }
}
