using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Sla;

namespace DataAccessBroker.Domain.Statistics;

/// <summary>
/// One stage task moving in the open-work rollups: counted under <see cref="From"/> until now and under
/// <see cref="To"/> from now on (null: not counted, because the task was not open or is no longer). Stored as a -1
/// and a +1, so the rollups add up without any row being read first.
/// </summary>
public sealed record OpenWorkMove(
    Stage Stage, string Body, Purpose Purpose, DateOnly OpenMonth, OpenWorkCount? From, OpenWorkCount? To)
{
    /// <summary>The moves that bring the rollups from what they count for these timers to what the timers are now.</summary>
    /// <param name="counted">What the rollups count for each timer (as stored); a timer not listed is not counted.</param>
    public static IEnumerable<OpenWorkMove> Between(
        DataAccessApplication application, IEnumerable<SlaTimer> timers, IReadOnlyDictionary<Guid, OpenWorkCount> counted)
    {
        foreach (var timer in timers.Where(t => t.Subject == SlaTimerSubject.StageTask))
        {
            OpenWorkCount? from = counted.TryGetValue(timer.Id, out var stored) ? stored : null;
            var to = OpenWorkCount.Of(timer);
            if (from == to) continue;
            var task = application.FindTask(timer.TaskId!.Value);
            yield return new OpenWorkMove(task.Stage, task.Body, application.Details.Purpose,
                WallClock.OsloMonthOf(timer.StartTime), from, to);
        }
    }
}
