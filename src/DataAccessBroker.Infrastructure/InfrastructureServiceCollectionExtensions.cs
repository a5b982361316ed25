using DataAccessBroker.Infrastructure.Persistence;
using DataAccessBroker.Infrastructure.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DataAccessBroker.Infrastructure;

public static class InfrastructureServiceCollectionExtensions
{
    public static IServiceCollection AddBrokerInfrastructure(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<ApplicationRepository>();
        services.AddSingleton<CatalogRepository>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<ApplicationCommands>();
        services.AddSingleton<ApplicationQueries>();
        return services;
    }
}
