using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Sla;

namespace DataAccessBroker.Infrastructure.Sla;

/// <summary>An application with its SLA timers: what callers see, deadlines included.</summary>
public sealed record ApplicationView(DataAccessApplication Application, IReadOnlyList<SlaTimer> Timers)
{
    public SlaTimer? TimerOf(StageTask task) => Timers.FirstOrDefault(t => t.TaskId == task.Id);

    public SlaTimer? Timer(SlaTimerSubject subject) => Timers.LastOrDefault(t => t.Subject == subject);
}
