using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Domain.Statistics;

namespace DataAccessBroker.Domain.Tests.Statistics;

/// <summary>Open work's age in the form the rollups keep, checked against business days counted by hand.</summary>
public sealed class OpenTaskAgeTests
{
    // March 2026 in Oslo is UTC+1: 08:00 UTC is 09:00 local.
    private static readonly DateTimeOffset MondayMarch2At0900 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private static SlaTimer TaskTimer() => SlaTimer.Start(Guid.NewGuid(), Guid.NewGuid(), SlaTimerSubject.StageTask,
        Guid.NewGuid(), "kreftregisteret", SlaAllowance.BusinessDays(30), MondayMarch2At0900);

    [Fact]
    public void A_running_task_ages_by_whole_business_days_from_the_day_it_opened()
    {
        var age = OpenTaskAge.Of(TaskTimer())!.Value;

        Assert.Equal(new OpenTaskAge(new DateOnly(2026, 3, 2), 0), age);
        // Mon 2 to Wed 18 March: the weeks of 2 and 9 March (10) and Mon 16, Tue 17 → 12.
        Assert.Equal(12, AgeOn(age, new DateOnly(2026, 3, 18)));
    }

    [Fact]
    public void A_paused_task_keeps_the_age_it_had_reached_and_a_resumed_one_carries_it()
    {
        var timer = TaskTimer();
        timer.Pause(MondayMarch2At0900.AddHours(60)); // Wed 4 March 21:00: 15 + 24 + 21 hours = 2.5 business days

        var paused = OpenTaskAge.Of(timer)!.Value;
        Assert.Equal(new OpenTaskAge(null, 5), paused);
        Assert.Equal(2.5, AgeOn(paused, new DateOnly(2026, 4, 30)));

        timer.Resume(new DateTimeOffset(2026, 3, 9, 9, 0, 0, TimeSpan.Zero)); // Mon 9 March 10:00
        var resumed = OpenTaskAge.Of(timer)!.Value;
        Assert.Equal(new OpenTaskAge(new DateOnly(2026, 3, 9), 5), resumed);
        Assert.Equal(4.5, AgeOn(resumed, new DateOnly(2026, 3, 11))); // + Mon, Tue
    }

    [Fact]
    public void Closed_timers_and_timers_not_on_a_stage_task_have_no_open_age()
    {
        var closed = TaskTimer();
        closed.Close(MondayMarch2At0900.AddDays(1));
        var decision = SlaTimer.Start(Guid.NewGuid(), Guid.NewGuid(), SlaTimerSubject.ApplicationDecision, null, "hds",
            SlaAllowance.CalendarDays(90), MondayMarch2At0900);

        Assert.Null(OpenTaskAge.Of(closed));
        Assert.Null(OpenTaskAge.Of(decision));
    }

    /// <summary>The age as the statistics queries work it out: carried half days / 2 + ordinal(today) − ordinal(clock day).</summary>
    private static double AgeOn(OpenTaskAge age, DateOnly today)
    {
        var ordinals = BusinessCalendar.Ordinals(today).ToDictionary(o => o.Day, o => o.Ordinal);
        return age.CarriedHalfDays * 0.5 + (age.ClockDay is { } day ? ordinals[today] - ordinals[day] : 0);
    }
}
