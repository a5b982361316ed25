using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Infrastructure.Persistence;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Sla;

/// <summary>
/// Fires one milestone of one timer if it is due: reloads everything under the application's row lock, does nothing
/// when the task has moved on, and otherwise writes the event, the firing and the notification in one transaction.
/// Safe to call any number of times from any number of processes.
/// </summary>
public sealed class SlaFiringService(
    NpgsqlDataSource dataSource,
    ApplicationRepository applications,
    SlaTimerRepository timers,
    TimedApplicationWriter writer,
    ISlaScheduler scheduler,
    SlaPolicy policy,
    TimeProvider clock,
    ILogger<SlaFiringService> logger)
{
    /// <returns>True when this call recorded the milestone.</returns>
    public async Task<bool> FireIfDueAsync(
        Guid applicationId, Guid timerId, SlaMilestone milestone, CancellationToken cancellationToken)
    {
        ApplicationView saved;
        SlaNotification notification;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var application = await applications.LoadForUpdateAsync(connection, transaction, applicationId, cancellationToken);
            if (application is null) return false;
            var loaded = await timers.LoadForApplicationsAsync(connection, transaction, [applicationId], cancellationToken);
            var timer = loaded.FirstOrDefault(t => t.Id == timerId);
            var now = clock.GetStoredUtcNow();
            if (timer is null || SlaKeeper.Fire(application, timer, milestone, policy, now) is not { } fired) return false;

            notification = fired;
            saved = await writer.SaveAsync(connection, transaction, application, loaded, now, cancellationToken);
            if (await timers.RecordFiringsAsync(connection, transaction, [notification], cancellationToken) == 0) return false;
            await transaction.CommitAsync(cancellationToken);
        }

        logger.LogInformation("SLA {Milestone} for {Recipient} on application {Application}: {Message}",
            notification.Milestone, notification.Recipient, notification.ApplicationId, notification.Message);
        await scheduler.ScheduleAsync(saved.Rescheduled, cancellationToken);
        return true;
    }
}
