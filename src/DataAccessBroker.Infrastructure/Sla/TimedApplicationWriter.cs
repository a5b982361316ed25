using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Domain.Statistics;
using DataAccessBroker.Infrastructure.Persistence;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Sla;

/// <summary>
/// Stores an application together with its SLA timers, brought in step with it, and the statistics its change
/// produced, all in the caller's transaction: a deadline or a figure is written with the stage change behind it, or
/// not at all.
/// </summary>
public sealed class TimedApplicationWriter(
    ApplicationRepository applications, SlaTimerRepository timers, StatisticsStore statistics, SlaPolicy policy)
{
    public async Task<ApplicationView> SaveAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, DataAccessApplication application,
        IReadOnlyList<SlaTimer>? loadedTimers, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var current = loadedTimers
            ?? await timers.LoadForApplicationsAsync(connection, transaction, [application.Id], cancellationToken);
        var reconciled = SlaKeeper.Reconcile(application, current, policy, now);
        await applications.SaveAsync(connection, transaction, application, cancellationToken);
        await timers.SaveAsync(connection, transaction, reconciled, policy.Thresholds, cancellationToken);
        await statistics.RecordAsync(connection, transaction,
            StatisticsChanges.Collect(application, reconciled.Where(t => t.Changed), application.NewEvents, now),
            cancellationToken);
        return new ApplicationView(application, reconciled);
    }
}
