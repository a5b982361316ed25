using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Sla;

namespace DataAccessBroker.Domain.Statistics;

public static class StatisticsChanges
{
    /// <summary>
    /// The statistics of one step: tasks whose timers closed at <paramref name="now"/>, and the submission or
    /// finishing among <paramref name="stepEvents"/>. Pure, so live commands and the simulator count alike.
    /// </summary>
    public static IReadOnlyList<StatisticsChange> Collect(
        DataAccessApplication application, IEnumerable<SlaTimer> timers, IEnumerable<ApplicationEvent> stepEvents,
        DateTimeOffset now)
    {
        var changes = new List<StatisticsChange>();
        var purpose = application.Details.Purpose;
        foreach (var timer in timers.Where(t =>
                     t is { Subject: SlaTimerSubject.StageTask, IsClosed: true } && t.ClosedTime == now))
        {
            var task = application.FindTask(timer.TaskId!.Value);
            if (task.IsClosed) changes.Add(new StatisticsChange.TaskClosed(StageInterval.Of(task, timer, purpose, now)));
        }

        foreach (var e in stepEvents)
        {
            if (e.Action == ApplicationAction.Submit)
            {
                changes.Add(new StatisticsChange.Arrived(purpose, e.OccurredTime));
            }
            else if (e.FromState != e.ToState && e.ToState.IsTerminal() && application.SubmitTime is { } submitted)
            {
                changes.Add(new StatisticsChange.Finished(purpose, e.OccurredTime,
                    WallClock.OsloCalendarDays.Measure(submitted, e.OccurredTime).TotalDays));
            }
        }

        return changes;
    }
}
