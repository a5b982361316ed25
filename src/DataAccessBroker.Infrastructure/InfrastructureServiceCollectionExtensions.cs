using DataAccessBroker.Infrastructure.Audit;
using DataAccessBroker.Infrastructure.Federation;
using DataAccessBroker.Infrastructure.Observability;
using DataAccessBroker.Infrastructure.Operations;
using DataAccessBroker.Infrastructure.Persistence;
using DataAccessBroker.Infrastructure.Processes;
using DataAccessBroker.Infrastructure.Simulation;
using DataAccessBroker.Infrastructure.Sla;
using DataAccessBroker.Infrastructure.Statistics;
using DataAccessBroker.Infrastructure.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace DataAccessBroker.Infrastructure;

public static class InfrastructureServiceCollectionExtensions
{
    public static IServiceCollection AddBrokerInfrastructure(
        this IServiceCollection services, string connectionString, string? migrationsConnectionString, SlaOptions sla,
        NodeOptions node, FederationOptions federation, AuditOptions audit)
    {
        services.AddSingleton(sla);
        services.AddSingleton(audit);
        services.AddSingleton(node);
        services.AddSingleton(federation);
        services.AddSingleton(sla.ToPolicy());
        services.AddSingleton(_ => BrokerDataSource.Create(connectionString));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider =>
            new MigrationRunner(provider.GetRequiredService<NpgsqlDataSource>(), migrationsConnectionString));
        services.AddSingleton<ApplicationStore>();
        services.AddSingleton<CatalogRepository>();
        services.AddSingleton<BusinessCalendarRepository>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<ChangeBatcher>();
        services.AddSingleton<ApplicationCommands>();
        services.AddSingleton<ApplicationQueries>();
        services.AddSingleton<SlaFiringService>();
        services.AddSingleton<RollupFolder>();
        services.AddSingleton<BacklogSnapshots>();
        services.AddSingleton<StatisticsQueries>();
        services.AddSingleton<StatisticsScopes>();
        services.AddSingleton<SimulationLoader>();
        services.AddSingleton<BrokerMetrics>();
        services.AddSingleton<ProcessHealth>();
        services.AddSingleton<SlaFiringProcess>();
        services.AddSingleton<RollupFoldingProcess>();
        services.AddSingleton<OperationsSamplingProcess>();
        services.AddSingleton<FederationInbox>();
        services.AddSingleton<FederationStatus>();
        services.AddSingleton<FederationDispatcher>();
        services.AddSingleton<CatalogMirrorProcess>();
        services.AddSingleton<AuditVerifier>();
        services.AddSingleton<AccessLog>();
        services.AddSingleton<AuditStatus>();
        services.AddSingleton<AuditVerificationProcess>();
        services.AddSingleton<OperationsQueries>();
        return services;
    }
}
