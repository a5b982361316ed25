using DataAccessBroker.Infrastructure.Audit;
using Hangfire.Server;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DataAccessBroker.Server.Composition;

/// <summary>
/// The scheduled verification's verdict on the history (<see cref="AuditVerificationProcess"/>): degraded, naming the
/// first broken link, from a verification that found one until a later one finds every chain whole. Degraded, not
/// unhealthy: the broker still serves correctly, and since every broker on the database would report the same, an
/// unhealthy verdict would take them all out of service at once and turn a changed row into an outage. Operators see
/// it on the readiness report, in the log (an error) and in <c>dab_audit_chain_intact</c>.
/// </summary>
public sealed class AuditHealthCheck(AuditStatus status, IEnumerable<IBackgroundProcess> processes) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(status.Latest switch
        {
            null when processes.OfType<AuditVerificationProcess>().Any() =>
                HealthCheckResult.Healthy("the history has not been verified yet: the first verification has not finished"),
            null => HealthCheckResult.Healthy("this broker runs no background processes: the history is verified by those that do"),
            { Report.FirstBrokenLink: { } broken } verdict => HealthCheckResult.Degraded(
                $"the history was changed: the first broken link is {broken} (verified {verdict.VerifiedTime:u})"),
            var verdict => HealthCheckResult.Healthy(
                $"every chain of the history held at {verdict.VerifiedTime:u}: {verdict.Report.Events} events, " +
                $"{verdict.Report.Applications} applications"),
        });
}
