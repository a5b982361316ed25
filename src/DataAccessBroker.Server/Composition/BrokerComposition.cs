using DataAccessBroker.Infrastructure;
using DataAccessBroker.Infrastructure.Audit;
using DataAccessBroker.Infrastructure.Persistence;
using DataAccessBroker.Infrastructure.Sla;
using DataAccessBroker.Server.Authentication;
using DataAccessBroker.Server.Errors;
using DataAccessBroker.Server.Services;
using Grpc.AspNetCore.Server.Model;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DataAccessBroker.Server.Composition;

/// <summary>Everything Program.cs wires together, kept here so the integration tests host the same composition.</summary>
public static class BrokerComposition
{
    /// <summary>Largest request or response message, both ways: an application with every field full is ~1.5 MB.</summary>
    public const int MaxMessageBytes = 4 * 1024 * 1024;

    public static void AddBroker(this WebApplicationBuilder builder)
    {
        builder.AddNodeSettingsFile();
        var connectionString = builder.Configuration.GetConnectionString("Broker");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Broker is not set. Start the broker with infra/broker.sh, which starts a local " +
                "PostgreSQL when none is configured, or set ConnectionStrings__Broker.");
        }

        // The schema owner, when the broker runs as a role of its own that may not change the history (README,
        // "Database roles"); unset, the broker's connection migrates and owns the schema.
        var owner = builder.Configuration.GetConnectionString("Migrations");
        var migrationsConnectionString = string.IsNullOrWhiteSpace(owner) ? null : owner;
        var sla = builder.Configuration.GetSection("Sla").Get<SlaOptions>() ?? new SlaOptions();
        var audit = builder.Configuration.GetSection("Audit").Get<AuditOptions>() ?? new AuditOptions();
        if (audit.VerifyEvery <= TimeSpan.Zero) throw new InvalidOperationException("Audit:VerifyEvery must be positive.");
        var (node, federation) = builder.ReadFederationOptions();
        builder.Services.AddBrokerInfrastructure(connectionString, migrationsConnectionString, sla, node, federation, audit);
        builder.AddBrokerAuthentication(federation);
        builder.AddBrokerFederation();
        builder.AddBrokerJobs(connectionString, federation);
        builder.Services.AddGrpc(options =>
        {
            options.MaxReceiveMessageSize = MaxMessageBytes;
            options.MaxSendMessageSize = MaxMessageBytes;
            options.EnableDetailedErrors = false;
            options.Interceptors.Add<ErrorMappingInterceptor>();
        });
        // In place of Grpc.AspNetCore's own binding, so that a request that does not decode is INVALID_ARGUMENT.
        builder.Services.RemoveAll(typeof(IServiceMethodProvider<>));
        builder.Services.AddSingleton(typeof(IServiceMethodProvider<>), typeof(DecodingServiceMethodProvider<>));
        builder.AddBrokerOperations();
        if (!builder.Environment.IsProduction()) builder.Services.AddGrpcReflection();
    }

    /// <summary>Migrates (safe with several instances starting at once), seeds the catalog and the business calendar, starts the recurring jobs.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var applied = await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync();
        foreach (var migration in applied) app.Logger.LogInformation("Applied migration {Migration}", migration);
        if (app.Environment.IsProduction())
        {
            var access = await app.Services.GetRequiredService<AuditVerifier>().HistoryWriteAccessAsync(CancellationToken.None);
            if (access.CanAlterHistory)
            {
                app.Logger.LogWarning(
                    "The broker's database role {Role} can change or remove events ({Privileges}): the hash chain " +
                    "would show it, nothing prevents it. Set ConnectionStrings:Migrations to the schema owner and " +
                    "ConnectionStrings:Broker to a role of the broker's own (README, \"Database roles\").",
                    access.Role, string.Join(", ", access.Privileges));
            }
        }

        await app.Services.GetRequiredService<CatalogRepository>().SeedAsync(CancellationToken.None);
        await app.Services.GetRequiredService<BusinessCalendarRepository>().SeedAsync(CancellationToken.None);
        app.StartRecurringJobs();
    }

    public static void MapBroker(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGrpcService<ApplicationGrpcService>();
        app.MapGrpcService<ReviewGrpcService>();
        app.MapGrpcService<CatalogGrpcService>();
        app.MapGrpcService<StatisticsGrpcService>();
        app.MapGrpcService<SimulationGrpcService>();
        app.MapGrpcService<AuditGrpcService>();
        app.MapGrpcService<OperationsGrpcService>();
        app.MapBrokerFederation();
        app.MapGrpcHealthChecksService().AllowAnonymous();
        app.MapBrokerOperations();
        if (!app.Environment.IsProduction()) app.MapGrpcReflectionService().AllowAnonymous();
        app.MapDevelopmentIssuer();
        app.MapJobsDashboard();
        // One line to wait for: the database is migrated and every port listens.
        app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
            "DataAccessBroker ready ({Environment}): listening on {Addresses}. Ctrl-C stops it.",
            app.Environment.EnvironmentName, string.Join(", ", app.Urls)));
    }
}
