using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Sla;
using Microsoft.Extensions.Time.Testing;
using static DataAccessBroker.Domain.Tests.TestApplications;

namespace DataAccessBroker.Domain.Tests.Sla;

/// <summary>The keeper aligns timers with the workflow after each command.</summary>
public sealed class SlaKeeperTests
{
    private readonly SlaPolicy _policy = new();
    private readonly FakeTimeProvider _clock = new(Start);

    [Fact]
    public void Submission_starts_the_task_clock_and_the_application_clocks()
    {
        var application = InState(ApplicationState.RekReview);

        var timers = SlaKeeper.Reconcile(application, [], _policy, _clock.GetUtcNow());

        var rek = Assert.Single(timers, t => t.Subject == SlaTimerSubject.StageTask);
        Assert.Equal((application.Tasks[0].Id, "rek-vest", SlaAllowance.CalendarDays(60)), (rek.TaskId!.Value, rek.WaitingOn, rek.Allowance));
        Assert.Contains(timers, t => t.Subject == SlaTimerSubject.ApplicationDecision && t.IsRunning);
        Assert.Contains(timers, t => t.Subject == SlaTimerSubject.ApplicationDelivery && t.IsRunning);
        Assert.All(timers, t => Assert.True(t.Changed));
    }

    [Fact]
    public void Waiting_on_the_applicant_pauses_every_clock_and_starts_the_applicants()
    {
        var application = InState(ApplicationState.DataOwnerReview);
        var timers = SlaKeeper.Reconcile(application, [], _policy, _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromDays(3));

        application.RequestChanges(application.OpenTasks().First().Id, Reviewer, "more", _clock.GetUtcNow());
        timers = SlaKeeper.Reconcile(application, timers, _policy, _clock.GetUtcNow());

        Assert.All(timers.Where(t => t.Subject != SlaTimerSubject.ApplicantResponse && !t.IsClosed),
            t => Assert.False(t.IsRunning));
        var answer = Assert.Single(timers, t => t.Subject == SlaTimerSubject.ApplicantResponse);
        Assert.True(answer.IsRunning);

        _clock.Advance(TimeSpan.FromDays(5));
        application.Resubmit(Researcher, null, _clock.GetUtcNow());
        timers = SlaKeeper.Reconcile(application, timers, _policy, _clock.GetUtcNow());

        Assert.True(answer.IsClosed);
        Assert.All(timers.Where(t => t.Subject == SlaTimerSubject.StageTask && !t.IsClosed), t => Assert.True(t.IsRunning));
        var decision = timers.Single(t => t.Subject == SlaTimerSubject.ApplicationDecision);
        Assert.Equal(TimeSpan.FromDays(3), decision.Consumed); // the five days on the applicant do not count
    }

    [Fact]
    public void A_closed_task_stops_its_clock()
    {
        var application = InState(ApplicationState.RekReview);
        var timers = SlaKeeper.Reconcile(application, [], _policy, _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromDays(10));

        application.ApproveTask(application.Tasks[0].Id, Reviewer, null, null, _clock.GetUtcNow());
        timers = SlaKeeper.Reconcile(application, timers, _policy, _clock.GetUtcNow());

        var rek = timers.Single(t => t.TaskId == application.Tasks[0].Id);
        Assert.True(rek.IsClosed);
        Assert.Equal(TimeSpan.FromDays(10), rek.Consumed);
        Assert.Equal(4, timers.Count(t => t.Subject == SlaTimerSubject.StageTask)); // + three data-owner reviews
    }

    [Fact]
    public void The_applicants_breach_lapses_the_application_and_stops_every_clock()
    {
        var application = InState(ApplicationState.AwaitingApplicant);
        var timers = SlaKeeper.Reconcile(application, [], _policy, _clock.GetUtcNow());
        var answer = timers.Single(t => t.Subject == SlaTimerSubject.ApplicantResponse);

        _clock.Advance(TimeSpan.FromDays(40)); // well past 20 business days
        var notification = SlaKeeper.Fire(application, answer, SlaMilestone.Breach, _policy, _clock.GetUtcNow());
        timers = SlaKeeper.Reconcile(application, timers, _policy, _clock.GetUtcNow());

        Assert.NotNull(notification);
        Assert.Equal("applicant", notification.Recipient);
        Assert.Equal(ApplicationState.Lapsed, application.State);
        Assert.All(timers, t => Assert.True(t.IsClosed));
        Assert.Equal(
            [ApplicationAction.SlaBreach, ApplicationAction.Lapse],
            application.NewEvents.TakeLast(2).Select(e => e.Action));
    }

    [Fact]
    public void SLA_records_leave_the_application_etag_alone()
    {
        var application = InState(ApplicationState.RekReview);
        var timers = SlaKeeper.Reconcile(application, [], _policy, _clock.GetUtcNow());
        var version = application.Version;

        _clock.Advance(TimeSpan.FromDays(50));
        Assert.NotNull(SlaKeeper.Fire(application, timers[0], SlaMilestone.Reminder, _policy, _clock.GetUtcNow()));

        Assert.Equal(version, application.Version);
        Assert.Equal(ApplicationAction.SlaReminder, application.NewEvents[^1].Action);
        Assert.Null(SlaKeeper.Fire(application, timers[0], SlaMilestone.Breach, _policy, _clock.GetUtcNow()));
    }

    [Fact]
    public void Settling_records_every_milestone_already_due_earliest_first_each_with_its_own_due_time()
    {
        var application = InState(ApplicationState.RekReview);
        var timers = SlaKeeper.Reconcile(application, [], _policy, _clock.GetUtcNow());
        var expected = timers
            .SelectMany(t => Enum.GetValues<SlaMilestone>().Select(m => (Timer: t.Id, Milestone: m, Due: t.DueTime(m, _policy.Thresholds))))
            .Where(d => d.Due <= Start.AddDays(100)).OrderBy(d => d.Due).ToList();
        _clock.Advance(TimeSpan.FromDays(100)); // past REK's 45, 60 and 90 days, and the decision clock's 67.5 and 90

        var fired = SlaKeeper.Settle(application, timers, _policy, _clock.GetUtcNow());

        Assert.Equal(5, fired.Count);
        Assert.Equal(expected.Select(e => (e.Timer, e.Milestone, e.Due!.Value)), fired.Select(f => (f.TimerId, f.Milestone, f.DueTime)));
        Assert.All(fired, f => Assert.Equal(_clock.GetUtcNow(), f.FiredTime));
        Assert.Equal(5, application.NewEvents.Count(e => e.Action is ApplicationAction.SlaReminder or ApplicationAction.SlaBreach
            or ApplicationAction.SlaEscalation));
        Assert.Empty(SlaKeeper.Settle(application, timers, _policy, _clock.GetUtcNow())); // each once
    }

    [Fact]
    public void Settling_an_answer_that_ran_out_lapses_the_application_before_the_applicant_can_resubmit()
    {
        var application = InState(ApplicationState.AwaitingApplicant);
        var timers = SlaKeeper.Reconcile(application, [], _policy, _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromDays(40)); // well past 20 business days

        var fired = SlaKeeper.Settle(application, timers, _policy, _clock.GetUtcNow());

        Assert.Contains(fired, f => f.Milestone == SlaMilestone.Breach && f.Recipient == SlaKeeper.Applicant);
        Assert.Equal(ApplicationState.Lapsed, application.State);
        Assert.Throws<DataAccessBroker.Domain.Errors.WorkflowException>(
            () => application.Resubmit(Researcher, null, _clock.GetUtcNow()));
    }

    [Fact]
    public void Settling_before_anything_is_due_records_nothing()
    {
        var application = InState(ApplicationState.RekReview);
        var timers = SlaKeeper.Reconcile(application, [], _policy, _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromDays(44));

        Assert.Empty(SlaKeeper.Settle(application, timers, _policy, _clock.GetUtcNow()));
        Assert.All(timers, t => Assert.Empty(t.Fired));
    }
}
