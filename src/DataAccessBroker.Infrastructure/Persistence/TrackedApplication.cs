using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Domain.Statistics;

namespace DataAccessBroker.Infrastructure.Persistence;

/// <summary>
/// An application loaded for a change, with its SLA timers as stored. A change runs in three steps:
/// <see cref="Settle"/> the milestones already due, apply one domain command to <see cref="Application"/>, then
/// <see cref="Complete"/> to get everything the change writes.
/// </summary>
internal sealed class TrackedApplication(DataAccessApplication application, IReadOnlyList<StoredTimer> stored)
{
    private readonly List<SlaNotification> _fired = [];
    private IReadOnlyList<SlaTimer> _timers = stored.Select(s => s.Timer).ToList();

    public DataAccessApplication Application { get; } = application;
    public IReadOnlyList<SlaTimer> Timers => _timers;

    /// <summary>A new draft: no timers yet.</summary>
    public static TrackedApplication New(DataAccessApplication application) => new(application, []);

    /// <summary>Records every SLA milestone that fell due by <paramref name="now"/> and is not on record (see <see cref="SlaKeeper.Settle"/>).</summary>
    public void Settle(SlaPolicy policy, DateTimeOffset now) =>
        _fired.AddRange(SlaKeeper.Settle(Application, _timers, policy, now));

    /// <summary>Brings the timers in step with the application and collects what the change writes.</summary>
    public ApplicationChange Complete(SlaPolicy policy, DateTimeOffset now)
    {
        _timers = SlaKeeper.Reconcile(Application, _timers, policy, now);
        var changed = _timers.Where(t => t.Changed).ToList();
        var counted = stored.Where(s => s.Counted is not null).ToDictionary(s => s.Timer.Id, s => s.Counted!.Value);
        // A timer whose stored due time no longer matches (the milestone thresholds were reconfigured, say) is
        // written again, so the firing process's index never holds a time at which nothing is due.
        var restamped = stored.Where(s => !s.Timer.Changed && s.DueTime != SlaTimerRepository.DueTime(s.Timer, policy.Thresholds))
            .Select(s => s.Timer);
        return new ApplicationChange(Application, _timers, changed.Concat(restamped).ToList(), _fired,
            StatisticsChanges.Collect(Application, changed, Application.NewEvents, now),
            OpenWorkMove.Between(Application, changed, counted).ToList());
    }
}
