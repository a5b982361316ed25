using DataAccessBroker.Infrastructure.Processes;
using Hangfire.Server;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DataAccessBroker.Server.Composition;

/// <summary>
/// Ready when every background process of this broker has completed a pass lately: a broker whose SLA firing has
/// stalled cannot keep its promises. A broker that runs no background processes (Jobs:RunServer=false) has none to
/// wait for.
/// </summary>
public sealed class SchedulerHealthCheck(IEnumerable<IBackgroundProcess> processes, ProcessHealth health)
    : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var polling = processes.OfType<PollingProcess>().Where(p => p.GatesReadiness).ToList();
        // Ten of a process's intervals, and never less than ten seconds: long enough for a slow pass, short for an
        // outage. (A process that mirrors every five minutes is stalled after fifty, not after ten seconds.)
        var stalled = polling.Where(p => health.IsStalled(p.Name, StaleAfter(p)))
            .Select(p => $"{p.Name} ({StaleAfter(p).TotalSeconds:0} s)").ToList();
        return Task.FromResult(stalled.Count == 0
            ? HealthCheckResult.Healthy(polling.Count == 0 ? "no background processes run here" : $"{polling.Count} background processes working")
            : HealthCheckResult.Unhealthy($"no pass completed within: {string.Join(", ", stalled)}"));
    }

    private static TimeSpan StaleAfter(PollingProcess process) =>
        TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(10).Ticks, process.Interval.Ticks * 10));
}
