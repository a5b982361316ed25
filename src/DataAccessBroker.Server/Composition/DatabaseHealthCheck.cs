using DataAccessBroker.Infrastructure.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DataAccessBroker.Server.Composition;

/// <summary>Ready when the database answers and holds every migration this build carries.</summary>
public sealed class DatabaseHealthCheck(MigrationRunner migrations) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var applied = await migrations.AppliedVersionAsync(cancellationToken);
            return applied >= MigrationRunner.LatestVersion
                ? HealthCheckResult.Healthy($"migrations applied through {applied}")
                : HealthCheckResult.Unhealthy($"the database is at migration {applied}, this broker needs {MigrationRunner.LatestVersion}");
        }
        catch (Exception e) when (DatabaseOutage.Is(e) || e is OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL cannot be reached", e);
        }
    }
}
