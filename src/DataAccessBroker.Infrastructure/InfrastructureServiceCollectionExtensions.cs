using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Infrastructure.Persistence;
using DataAccessBroker.Infrastructure.Sla;
using DataAccessBroker.Infrastructure.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace DataAccessBroker.Infrastructure;

public static class InfrastructureServiceCollectionExtensions
{
    public static IServiceCollection AddBrokerInfrastructure(
        this IServiceCollection services, string connectionString, SlaPolicy slaPolicy)
    {
        services.AddSingleton(slaPolicy);
        services.AddSingleton<SlaTimerRepository>();
        services.AddSingleton<StatisticsStore>();
        services.AddSingleton<TimedApplicationWriter>();
        services.AddSingleton<ISlaScheduler, HangfireSlaScheduler>();
        services.AddSingleton<SlaFiringService>();
        services.AddSingleton<SlaSweeper>();
        services.AddTransient<SlaMilestoneJob>();
        services.AddTransient<SlaSweepJob>();
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<ApplicationRepository>();
        services.AddSingleton<CatalogRepository>();
        services.AddSingleton<BusinessCalendarRepository>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<ApplicationCommands>();
        services.AddSingleton<ApplicationQueries>();
        services.AddSingleton<Statistics.BacklogSnapshots>();
        services.AddSingleton<Statistics.StatisticsQueries>();
        services.AddSingleton<Simulation.SimulationLoader>();
        return services;
    }
}
