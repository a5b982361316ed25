using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Sla;
using Microsoft.Extensions.Time.Testing;
using static DataAccessBroker.Domain.Tests.Sla.BusinessCalendarTests;
using static DataAccessBroker.Domain.Tests.TestApplications;

namespace DataAccessBroker.Domain.Tests.Sla;

/// <summary>Timers, pauses and milestones driven by a fake clock.</summary>
public sealed class SlaTimerTests
{
    private static readonly SlaThresholds Defaults = new();
    private readonly FakeTimeProvider _clock = new(Oslo(2026, 11, 23, 9, 0)); // a Monday

    [Fact]
    public void Milestones_fall_at_75_100_and_150_percent()
    {
        var timer = Start(SlaAllowance.BusinessDays(4));

        Assert.Equal(Oslo(2026, 11, 26, 9, 0), timer.DueTime(SlaMilestone.Reminder, Defaults));
        Assert.Equal(Oslo(2026, 11, 27, 9, 0), timer.DueTime(SlaMilestone.Breach, Defaults));
        Assert.Equal(Oslo(2026, 12, 1, 9, 0), timer.DueTime(SlaMilestone.Escalation, Defaults));
    }

    [Fact]
    public void A_milestone_fires_once_and_never_before_its_time()
    {
        var timer = Start(SlaAllowance.BusinessDays(4));

        _clock.SetUtcNow(Oslo(2026, 11, 27, 8, 59));
        Assert.False(timer.TryFire(SlaMilestone.Breach, Defaults, _clock.GetUtcNow(), out _));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(timer.TryFire(SlaMilestone.Breach, Defaults, _clock.GetUtcNow(), out var due));
        Assert.Equal(Oslo(2026, 11, 27, 9, 0), due);
        Assert.False(timer.TryFire(SlaMilestone.Breach, Defaults, _clock.GetUtcNow().AddDays(9), out _));
        Assert.Null(timer.DueTime(SlaMilestone.Breach, Defaults));
    }

    [Fact]
    public void Pausing_stops_the_clock_and_resuming_carries_over_the_time_that_was_left()
    {
        var timer = Start(SlaAllowance.BusinessDays(10));
        _clock.SetUtcNow(Oslo(2026, 11, 25, 9, 0)); // two business days used
        timer.Pause(_clock.GetUtcNow());
        Assert.Null(timer.Deadline);

        _clock.SetUtcNow(Oslo(2026, 12, 7, 9, 0)); // resubmitted the Monday two weeks later
        timer.Resume(_clock.GetUtcNow());

        Assert.Equal(TimeSpan.FromDays(2), timer.Consumed);
        Assert.Equal(Oslo(2026, 12, 17, 9, 0), timer.Deadline); // eight business days after the resumption
        Assert.Equal(Oslo(2026, 12, 14, 21, 0), timer.DueTime(SlaMilestone.Reminder, Defaults)); // 7.5 - 2 = 5.5 days on
        var pause = Assert.Single(timer.Pauses);
        Assert.Equal((Oslo(2026, 11, 25, 9, 0), Oslo(2026, 12, 7, 9, 0)), (pause.PausedTime, pause.ResumedTime!.Value));
    }

    [Fact]
    public void The_next_due_milestone_is_the_earliest_not_on_record_and_there_is_none_while_paused()
    {
        var loaded = SlaTimer.Restore(Guid.NewGuid(), Guid.NewGuid(), SlaTimerSubject.StageTask, Guid.NewGuid(), "npr",
            SlaAllowance.BusinessDays(4), _clock.GetUtcNow(), TimeSpan.Zero, _clock.GetUtcNow(), null, [], []);
        Assert.Equal((SlaMilestone.Reminder, Oslo(2026, 11, 26, 9, 0)), loaded.NextDue(Defaults));
        Assert.False(loaded.Changed);

        Assert.True(loaded.TryFire(SlaMilestone.Reminder, Defaults, Oslo(2026, 11, 26, 9, 0), out _));
        Assert.True(loaded.Changed);
        Assert.Equal((SlaMilestone.Breach, Oslo(2026, 11, 27, 9, 0)), loaded.NextDue(Defaults));

        loaded.Pause(Oslo(2026, 11, 26, 10, 0));
        Assert.Null(loaded.NextDue(Defaults));
    }

    [Fact]
    public void A_closed_timer_has_no_deadline_and_fires_nothing()
    {
        var timer = Start(SlaAllowance.CalendarDays(1));
        _clock.Advance(TimeSpan.FromHours(3));
        timer.Close(_clock.GetUtcNow());

        Assert.Null(timer.Deadline);
        Assert.Equal(TimeSpan.FromHours(3), timer.Consumed);
        Assert.False(timer.TryFire(SlaMilestone.Breach, Defaults, _clock.GetUtcNow().AddDays(2), out _));
    }

    [Fact]
    public void Overrides_by_source_and_stage_win_over_the_defaults()
    {
        var policy = new SlaPolicy
        {
            Overrides = new Dictionary<string, SlaAllowance>
            {
                ["npr"] = SlaAllowance.BusinessDays(45),
                ["DataDelivery:npr"] = SlaAllowance.BusinessDays(90),
                ["rek-vest"] = SlaAllowance.CalendarDays(30),
            },
        };
        var application = InState(ApplicationState.DataDelivery);
        StageTask Task(Stage stage, string organisation) =>
            application.Tasks.Single(t => t.Stage == stage && t.Organisation == organisation);

        Assert.Equal(SlaAllowance.CalendarDays(30), policy.For(Task(Stage.RekReview, "rek-vest"), application.Details));
        Assert.Equal(SlaAllowance.BusinessDays(45), policy.For(Task(Stage.DataOwnerReview, "npr"), application.Details));
        Assert.Equal(SlaAllowance.BusinessDays(90), policy.For(Task(Stage.DataDelivery, "npr"), application.Details));
        Assert.Equal(SlaAllowance.BusinessDays(60), policy.For(Task(Stage.DataDelivery, "kreftregisteret"), application.Details));
    }

    [Fact]
    public void Linked_sources_give_the_data_owners_sixty_business_days()
    {
        var policy = new SlaPolicy();
        var linked = InState(ApplicationState.DataOwnerReview);
        var review = linked.Tasks.First(t => t.Stage == Stage.DataOwnerReview);

        Assert.Equal(SlaAllowance.BusinessDays(30), policy.For(review, linked.Details));
        Assert.Equal(SlaAllowance.BusinessDays(60), policy.For(review, linked.Details with { SourcesLinked = true }));
    }

    [Theory]
    [InlineData("30 business days", SlaClockKind.BusinessDays, 30 * 86400)]
    [InlineData("60 calendar days", SlaClockKind.CalendarDays, 60 * 86400)]
    [InlineData("2.5 days", SlaClockKind.CalendarDays, 2.5 * 86400)]
    [InlineData("20 seconds", SlaClockKind.Elapsed, 20)]
    [InlineData("3 minutes", SlaClockKind.Elapsed, 180)]
    public void Allowances_parse_from_configuration_text(string text, SlaClockKind kind, double seconds)
    {
        Assert.Equal(new SlaAllowance(kind, TimeSpan.FromSeconds(seconds)), SlaAllowance.Parse(text));
    }

    [Fact]
    public void An_unreadable_allowance_is_refused_with_an_example()
    {
        var error = Assert.Throws<FormatException>(() => SlaAllowance.Parse("thirty days"));

        Assert.Contains("30 business days", error.Message);
    }

    private SlaTimer Start(SlaAllowance allowance) =>
        SlaTimer.Start(Guid.NewGuid(), Guid.NewGuid(), SlaTimerSubject.StageTask, Guid.NewGuid(), "npr", allowance,
            _clock.GetUtcNow());
}
