using DataAccessBroker.Domain.Applications;

namespace DataAccessBroker.Domain.Sla;

/// <summary>
/// Keeps an application's timers in step with its tasks: after every command a task that opened gets a timer, one
/// that waits on the applicant is paused, one that resumed runs again, one that closed stops. The applicant's answer
/// to a request for changes and the application-level clocks (to decision, to delivery) are kept the same way.
/// Pure: the caller stores the timers whose <see cref="SlaTimer.Changed"/> is set, in the same transaction.
/// </summary>
public static class SlaKeeper
{
    public const string Applicant = "applicant";

    public static IReadOnlyList<SlaTimer> Reconcile(
        DataAccessApplication application, IEnumerable<SlaTimer> timers, SlaPolicy policy, DateTimeOffset now)
    {
        var all = timers.ToList();
        foreach (var task in application.Tasks)
        {
            var timer = all.FirstOrDefault(t => t.TaskId == task.Id);
            if (timer is null)
            {
                if (task.IsClosed) continue;
                timer = SlaTimer.Start(task.Id, application.Id, SlaTimerSubject.StageTask, task.Id, task.Organisation,
                    policy.For(task, application.Details), task.OpenedTime);
                all.Add(timer);
            }

            Align(timer, closed: task.IsClosed, running: task.Status == StageTaskStatus.Open, now);
        }

        var waitingOnApplicant = application.State == ApplicationState.AwaitingApplicant;
        var answer = all.LastOrDefault(t => t.Subject == SlaTimerSubject.ApplicantResponse && !t.IsClosed);
        // The applicant's clock runs at the application's home node; a forwarded part waits for what home sends.
        if (waitingOnApplicant && answer is null && application.Origin is null)
        {
            all.Add(SlaTimer.Start(Guid.CreateVersion7(now), application.Id, SlaTimerSubject.ApplicantResponse, null,
                Applicant, policy.ApplicantResponse, now));
        }
        else if (!waitingOnApplicant)
        {
            answer?.Close(now);
        }

        if (application.SubmitTime is { } submitted)
        {
            var finished = application.State.IsTerminal();
            var decided = finished || application.Tasks.Any(t => t.Stage == Stage.HdsDecision && t.IsClosed);
            Keep(all, application, SlaTimerSubject.ApplicationDecision, policy, submitted, decided, waitingOnApplicant, now);
            Keep(all, application, SlaTimerSubject.ApplicationDelivery, policy, submitted, finished, waitingOnApplicant, now);
        }

        return all;
    }

    /// <summary>
    /// Records every milestone of the application's timers that fell due by <paramref name="now"/> and is not on record
    /// yet, earliest first, each with its own due time. Run before any change to the application, and by the firing
    /// process, so that the record never depends on a firing process having run in time: a task closed or paused
    /// after an outage still gets the breach it earned, and an applicant whose time ran out finds the application
    /// lapsed.
    /// </summary>
    /// <returns>The notifications to send, one per milestone recorded now.</returns>
    public static IReadOnlyList<SlaNotification> Settle(
        DataAccessApplication application, IReadOnlyList<SlaTimer> timers, SlaPolicy policy, DateTimeOffset now)
    {
        var fired = new List<SlaNotification>();
        while (NextDue(timers, policy.Thresholds, now) is { } due
               && Fire(application, due.Timer, due.Milestone, policy, now) is { } notification)
        {
            fired.Add(notification);
        }

        return fired;
    }

    /// <summary>The earliest milestone of any of the timers that falls due by <paramref name="until"/>, or null.</summary>
    public static (SlaTimer Timer, SlaMilestone Milestone, DateTimeOffset Due)? NextDue(
        IEnumerable<SlaTimer> timers, SlaThresholds thresholds, DateTimeOffset until)
    {
        (SlaTimer, SlaMilestone, DateTimeOffset)? earliest = null;
        foreach (var timer in timers)
        {
            if (timer.NextDue(thresholds) is { } next && next.Due <= until
                && (earliest is null || next.Due < earliest.Value.Item3))
            {
                earliest = (timer, next.Milestone, next.Due);
            }
        }

        return earliest;
    }

    /// <summary>
    /// Records a milestone that is due: the event in the history, and for the applicant's answer the lapse of the
    /// application. Returns the notification to send, or null when nothing is due (moved on, paused, fired already).
    /// </summary>
    public static SlaNotification? Fire(
        DataAccessApplication application, SlaTimer timer, SlaMilestone milestone, SlaPolicy policy, DateTimeOffset now)
    {
        if (!timer.TryFire(milestone, policy.Thresholds, now, out var due)) return null;

        var what = timer.Subject switch
        {
            SlaTimerSubject.StageTask => $"{application.FindTask(timer.TaskId!.Value).Stage} by {timer.WaitingOn}",
            SlaTimerSubject.ApplicantResponse => "the applicant's answer to a request for changes",
            SlaTimerSubject.ApplicationDecision => "the decision on the application",
            _ => "delivery of the data",
        };
        var message = $"{milestone}: {what}, {timer.Allowance}, was due {due:yyyy-MM-dd HH:mm:ss} UTC";
        application.RecordSlaMilestone(milestone switch
        {
            SlaMilestone.Reminder => ApplicationAction.SlaReminder,
            SlaMilestone.Breach => ApplicationAction.SlaBreach,
            _ => ApplicationAction.SlaEscalation,
        }, timer.TaskId, message, now);
        if (timer.Subject == SlaTimerSubject.ApplicantResponse && milestone == SlaMilestone.Breach)
        {
            application.Lapse(now);
        }

        var recipient = timer.Subject == SlaTimerSubject.ApplicantResponse ? Applicant : timer.WaitingOn;
        return new SlaNotification(application.Id, timer.Id, timer.TaskId, milestone, recipient, message, due, now);
    }

    private static void Keep(
        List<SlaTimer> all, DataAccessApplication application, SlaTimerSubject subject, SlaPolicy policy,
        DateTimeOffset submitted, bool done, bool waitingOnApplicant, DateTimeOffset now)
    {
        var timer = all.FirstOrDefault(t => t.Subject == subject);
        if (timer is null)
        {
            if (done) return;
            timer = SlaTimer.Start(Guid.CreateVersion7(submitted), application.Id, subject, null,
                DataAccessApplication.HdsOrganisation, policy.For(subject), submitted);
            all.Add(timer);
        }

        Align(timer, closed: done, running: !waitingOnApplicant, now);
    }

    private static void Align(SlaTimer timer, bool closed, bool running, DateTimeOffset now)
    {
        if (closed) timer.Close(now);
        else if (running) timer.Resume(now);
        else timer.Pause(now);
    }
}
