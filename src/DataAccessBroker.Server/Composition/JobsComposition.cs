using DataAccessBroker.Domain.Access;
using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Infrastructure.Audit;
using DataAccessBroker.Infrastructure.Federation;
using DataAccessBroker.Infrastructure.Observability;
using DataAccessBroker.Infrastructure.Persistence;
using DataAccessBroker.Infrastructure.Sla;
using DataAccessBroker.Infrastructure.Statistics;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Server;

namespace DataAccessBroker.Server.Composition;

/// <summary>
/// Hangfire on the broker's own PostgreSQL database (schema <c>hangfire</c>). Its server runs the broker's background
/// processes (SLA firing, statistics folding, operations sampling, the daily verification of the history, and for a
/// node with peers the federation dispatcher and catalog mirror: see <see cref="Infrastructure.Processes.PollingProcess"/>),
/// which write no job rows, and the nightly backlog snapshot as a recurring job. Nothing in a request waits on it.
/// </summary>
public static class JobsComposition
{
    public const string DashboardPath = "/hangfire";
    public const string RunServerKey = "Jobs:RunServer";
    private const string AdminOnly = "AdminOnly";

    public static void AddBrokerJobs(this WebApplicationBuilder builder, string connectionString, FederationOptions federation)
    {
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = MigrationRunner.HangfireSchema,
            // MigrationRunner installs it under its advisory lock, so instances starting together never race.
            PrepareSchemaIfNecessary = false,
            // Jobs are rare (one a night); workers wake on PostgreSQL notifications rather than polling often.
            EnableLongPolling = true,
            // A job whose worker died is picked up again after this; running jobs keep extending it.
            InvisibilityTimeout = TimeSpan.FromMinutes(5),
            UseSlidingInvisibilityTimeout = true,
        };
        // Storage and activator belong to this host. Hangfire would otherwise fall back to process-wide statics
        // (JobStorage.Current), and two brokers in one process would schedule into each other's database.
        builder.Services.AddSingleton<JobStorage>(
            new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions));
        builder.Services.AddSingleton<JobActivator>(
            provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddAuthorizationBuilder().AddPolicy(AdminOnly, policy => policy.RequireRole(Roles.Admin));
        builder.Services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        // Jobs:RunServer=false makes an API-only broker: it serves requests but runs no background process (no SLA
        // firing, folding or nightly snapshot). At least one broker on the database must run them.
        if (!builder.Configuration.GetValue(RunServerKey, true)) return;
        // Hangfire's server runs every registered background process on a thread of its own.
        builder.Services.AddSingleton<IBackgroundProcess>(provider => provider.GetRequiredService<SlaFiringProcess>());
        builder.Services.AddSingleton<IBackgroundProcess>(provider => provider.GetRequiredService<RollupFoldingProcess>());
        builder.Services.AddSingleton<IBackgroundProcess>(provider => provider.GetRequiredService<OperationsSamplingProcess>());
        builder.Services.AddSingleton<IBackgroundProcess>(provider => provider.GetRequiredService<AuditVerificationProcess>());
        // A node with peers sends them its outbox and mirrors their catalogs.
        if (federation.Peers.Count > 0)
        {
            builder.Services.AddSingleton<IBackgroundProcess>(provider => provider.GetRequiredService<FederationDispatcher>());
            builder.Services.AddSingleton<IBackgroundProcess>(provider => provider.GetRequiredService<CatalogMirrorProcess>());
        }

        builder.Services.AddHangfireServer(options =>
        {
            options.WorkerCount = 2;
            // A server whose heartbeat is older than ServerTimeout is removed by the others: the heartbeat must come
            // well within it (Hangfire's default heartbeat is 30 s, the same as the timeout set here before, which
            // made live servers evict each other now and then).
            options.HeartbeatInterval = TimeSpan.FromSeconds(5);
            options.ServerCheckInterval = TimeSpan.FromSeconds(15);
            options.ServerTimeout = TimeSpan.FromMinutes(1);
        });
    }

    /// <summary>The recurring job: the nightly backlog snapshot.</summary>
    public static void StartRecurringJobs(this WebApplication app) =>
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<BacklogSnapshots>(
            BacklogSnapshots.RecurringJobId, snapshots => snapshots.TakeAsync(CancellationToken.None),
            BacklogSnapshots.Cron, new RecurringJobOptions { TimeZone = WallClock.Oslo });

    /// <summary>The dashboard for admins only, through the broker's own authentication (never "local requests only").</summary>
    public static void MapJobsDashboard(this WebApplication app) =>
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [],
            DisplayStorageConnectionString = false,
        }).RequireHost(OperationsComposition.OperationsHost(app.Configuration)).RequireAuthorization(AdminOnly);
}
