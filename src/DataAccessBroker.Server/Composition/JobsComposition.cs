using DataAccessBroker.Domain.Access;
using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Infrastructure.Sla;
using DataAccessBroker.Infrastructure.Statistics;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using DataAccessBroker.Infrastructure.Persistence;

namespace DataAccessBroker.Server.Composition;

/// <summary>
/// Hangfire on the broker's own PostgreSQL database (schema <c>hangfire</c>), tuned for timers that must fire within
/// seconds: the defaults poll every 15 s and recover an orphaned job only after 30 min.
/// </summary>
public static class JobsComposition
{
    public const string DashboardPath = "/hangfire";
    private const string AdminOnly = "AdminOnly";

    public static void AddBrokerJobs(this WebApplicationBuilder builder, string connectionString)
    {
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = MigrationRunner.HangfireSchema,
            // MigrationRunner installs it under its advisory lock, so instances starting together never race.
            PrepareSchemaIfNecessary = false,
            QueuePollInterval = TimeSpan.FromSeconds(1),
            EnableLongPolling = true,
            // A job whose worker died is picked up again after this; running jobs keep extending it.
            InvisibilityTimeout = TimeSpan.FromSeconds(30),
            UseSlidingInvisibilityTimeout = true,
            DistributedLockTimeout = TimeSpan.FromSeconds(30),
        };
        // Storage and activator belong to this host. Hangfire would otherwise fall back to process-wide statics
        // (JobStorage.Current), and two brokers in one process would schedule into each other's database.
        builder.Services.AddSingleton<JobStorage>(
            new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions));
        builder.Services.AddSingleton<JobActivator>(
            provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        builder.Services.AddHangfireServer(options =>
        {
            options.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            options.WorkerCount = Math.Max(4, Environment.ProcessorCount * 2);
            options.ServerCheckInterval = TimeSpan.FromSeconds(10);
            options.ServerTimeout = TimeSpan.FromSeconds(30);
        });
        builder.Services.AddAuthorizationBuilder().AddPolicy(AdminOnly, policy => policy.RequireRole(Roles.Admin));
    }

    /// <summary>
    /// The recurring jobs: the SLA sweeper (and one sweep right away, so a restarted broker catches up at once) and
    /// the nightly backlog snapshot.
    /// </summary>
    public static void StartRecurringJobs(this WebApplication app, string sweepCron)
    {
        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<SlaSweepJob>(
            SlaSweepJob.RecurringJobId, job => job.SweepAsync(CancellationToken.None), sweepCron);
        recurring.AddOrUpdate<BacklogSnapshots>(BacklogSnapshots.RecurringJobId,
            snapshots => snapshots.TakeAsync(CancellationToken.None), BacklogSnapshots.Cron,
            new RecurringJobOptions { TimeZone = WallClock.Oslo });
        app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<SlaSweepJob>(
            job => job.SweepAsync(CancellationToken.None));
    }

    /// <summary>The dashboard for admins only, through the broker's own authentication (never "local requests only").</summary>
    public static void MapJobsDashboard(this WebApplication app) =>
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [],
            DisplayStorageConnectionString = false,
        }).RequireAuthorization(AdminOnly);
}
