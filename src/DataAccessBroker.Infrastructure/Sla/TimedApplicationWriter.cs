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
        await RecordStatisticsAsync(connection, transaction, application, reconciled, now, cancellationToken);
        return new ApplicationView(application, reconciled);
    }

    private async Task RecordStatisticsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, DataAccessApplication application,
        IReadOnlyList<SlaTimer> reconciled, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var purpose = application.Details.Purpose;
        foreach (var timer in reconciled.Where(t =>
                     t is { Subject: SlaTimerSubject.StageTask, Changed: true, IsClosed: true } && t.ClosedTime == now))
        {
            var task = application.FindTask(timer.TaskId!.Value);
            if (!task.IsClosed) continue;
            await statistics.RecordClosedTaskAsync(connection, transaction, StageInterval.Of(task, timer, purpose, now),
                cancellationToken);
        }

        foreach (var e in application.NewEvents)
        {
            if (e.Action == ApplicationAction.Submit)
            {
                await statistics.RecordArrivalAsync(connection, transaction, purpose, e.OccurredTime, cancellationToken);
            }
            else if (e.FromState != e.ToState && IsFinished(e.ToState) && application.SubmitTime is { } submitted)
            {
                await statistics.RecordCompletionAsync(connection, transaction, purpose, e.OccurredTime,
                    WallClock.OsloCalendarDays.Measure(submitted, e.OccurredTime).TotalDays, cancellationToken);
            }
        }
    }

    private static bool IsFinished(ApplicationState state) =>
        state is ApplicationState.Rejected or ApplicationState.Withdrawn or ApplicationState.Lapsed
            or ApplicationState.Delivered;
}
