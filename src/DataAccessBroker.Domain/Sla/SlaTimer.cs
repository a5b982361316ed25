namespace DataAccessBroker.Domain.Sla;

/// <summary>
/// One running clock: how much of its allowance has been consumed, since when it runs (null while paused), and which
/// milestones have fired. Consumed time only grows, so each milestone is reached once, pauses or not.
/// </summary>
public sealed class SlaTimer
{
    private readonly List<SlaPause> _pauses;
    private readonly HashSet<SlaMilestone> _fired;

    private SlaTimer(
        Guid id, Guid applicationId, SlaTimerSubject subject, Guid? taskId, string waitingOn, SlaAllowance allowance,
        DateTimeOffset startTime, TimeSpan consumed, DateTimeOffset? runningSince, DateTimeOffset? closedTime,
        IEnumerable<SlaPause> pauses, IEnumerable<SlaMilestone> fired)
    {
        Id = id;
        ApplicationId = applicationId;
        Subject = subject;
        TaskId = taskId;
        WaitingOn = waitingOn;
        Allowance = allowance;
        StartTime = startTime;
        Consumed = consumed;
        RunningSince = runningSince;
        ClosedTime = closedTime;
        _pauses = pauses.ToList();
        _fired = fired.ToHashSet();
    }

    public Guid Id { get; }
    public Guid ApplicationId { get; }
    public SlaTimerSubject Subject { get; }
    public Guid? TaskId { get; }
    /// <summary>Whose turn it is: the task's organisation, or "applicant".</summary>
    public string WaitingOn { get; }
    public SlaAllowance Allowance { get; }
    public DateTimeOffset StartTime { get; }
    /// <summary>Counted time used up to <see cref="RunningSince"/> (or to the pause or close).</summary>
    public TimeSpan Consumed { get; private set; }
    public DateTimeOffset? RunningSince { get; private set; }
    public DateTimeOffset? ClosedTime { get; private set; }
    public IReadOnlyList<SlaPause> Pauses => _pauses;
    public IReadOnlySet<SlaMilestone> Fired => _fired;
    /// <summary>Set when this timer changed since it was loaded: it must be stored.</summary>
    public bool Changed { get; private set; }

    public bool IsRunning => RunningSince is not null && ClosedTime is null;
    public bool IsClosed => ClosedTime is not null;

    public static SlaTimer Start(
        Guid id, Guid applicationId, SlaTimerSubject subject, Guid? taskId, string waitingOn, SlaAllowance allowance,
        DateTimeOffset now) =>
        new(id, applicationId, subject, taskId, waitingOn, allowance, now, TimeSpan.Zero, now, null, [], [])
        {
            Changed = true,
        };

    public static SlaTimer Restore(
        Guid id, Guid applicationId, SlaTimerSubject subject, Guid? taskId, string waitingOn, SlaAllowance allowance,
        DateTimeOffset startTime, TimeSpan consumed, DateTimeOffset? runningSince, DateTimeOffset? closedTime,
        IEnumerable<SlaPause> pauses, IEnumerable<SlaMilestone> fired) =>
        new(id, applicationId, subject, taskId, waitingOn, allowance, startTime, consumed, runningSince, closedTime,
            pauses, fired);

    /// <summary>When a milestone falls while the timer runs; null while paused, once closed, or when already fired.</summary>
    public DateTimeOffset? DueTime(SlaMilestone milestone, SlaThresholds thresholds)
    {
        if (RunningSince is not { } since || IsClosed || _fired.Contains(milestone)) return null;
        if (milestone == SlaMilestone.Escalation && Subject == SlaTimerSubject.ApplicantResponse) return null;
        var left = Allowance.Amount * thresholds.For(milestone) - Consumed;
        return left <= TimeSpan.Zero ? since : Allowance.Clock.Advance(since, left);
    }

    /// <summary>
    /// The milestone that falls next and when, or null when none is pending (paused, closed, or all fired). This is
    /// all the firing side needs to know of a timer: it is stored, indexed, as the timer's due time.
    /// </summary>
    public (SlaMilestone Milestone, DateTimeOffset Due)? NextDue(SlaThresholds thresholds)
    {
        (SlaMilestone, DateTimeOffset)? next = null;
        foreach (var milestone in Enum.GetValues<SlaMilestone>())
        {
            if (DueTime(milestone, thresholds) is { } due && (next is null || due < next.Value.Item2)) next = (milestone, due);
        }

        return next;
    }

    /// <summary>The deadline (breach time) whether or not the breach has fired; null while paused or once closed.</summary>
    public DateTimeOffset? Deadline => RunningSince is { } since && !IsClosed
        ? Allowance.Clock.Advance(since, Allowance.Amount > Consumed ? Allowance.Amount - Consumed : TimeSpan.Zero)
        : null;

    public TimeSpan ConsumedAt(DateTimeOffset now) =>
        RunningSince is { } since && !IsClosed ? Consumed + Allowance.Clock.Measure(since, now) : Consumed;

    public void Pause(DateTimeOffset now)
    {
        if (!IsRunning) return;
        Consumed = ConsumedAt(now);
        RunningSince = null;
        _pauses.Add(new SlaPause(now, null));
        Changed = true;
    }

    public void Resume(DateTimeOffset now)
    {
        if (IsRunning || IsClosed) return;
        RunningSince = now;
        if (_pauses.Count > 0 && _pauses[^1].ResumedTime is null) _pauses[^1] = _pauses[^1] with { ResumedTime = now };
        Changed = true;
    }

    public void Close(DateTimeOffset now)
    {
        if (IsClosed) return;
        Consumed = ConsumedAt(now);
        if (RunningSince is null && _pauses.Count > 0 && _pauses[^1].ResumedTime is null)
        {
            _pauses[^1] = _pauses[^1] with { ResumedTime = now };
        }

        RunningSince = null;
        ClosedTime = now;
        Changed = true;
    }

    /// <returns>False when the milestone is not due at <paramref name="now"/> or was recorded already.</returns>
    public bool TryFire(SlaMilestone milestone, SlaThresholds thresholds, DateTimeOffset now, out DateTimeOffset due)
    {
        due = DueTime(milestone, thresholds) ?? DateTimeOffset.MaxValue;
        if (due > now) return false;
        _fired.Add(milestone);
        Changed = true;
        return true;
    }
}

/// <summary>A stretch during which the timer stood still because the application waited on the applicant.</summary>
public sealed record SlaPause(DateTimeOffset PausedTime, DateTimeOffset? ResumedTime);
