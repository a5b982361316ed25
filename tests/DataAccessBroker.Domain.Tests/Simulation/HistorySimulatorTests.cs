using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Simulation;
using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Domain.Statistics;
using static DataAccessBroker.Domain.Tests.TestApplications;

namespace DataAccessBroker.Domain.Tests.Simulation;

public sealed class HistorySimulatorTests
{
    private static readonly DateTimeOffset End = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly HistorySimulator Simulator = new(new SimulationProfile(), new SlaPolicy(), SeededCatalog);

    private static List<SimulatedApplication> Simulate(int seed, int count = 400) =>
        Simulator.Run(seed, count, End.AddYears(-2), End).ToList();

    [Fact]
    public void The_same_seed_gives_the_same_history()
    {
        static string Fingerprint(IEnumerable<SimulatedApplication> runs) => string.Join("|", runs.Select(r =>
            $"{r.Application.State}:{string.Join(",", r.Changes.OfType<StatisticsChange.TaskClosed>().Select(c => c.Interval.BodyBusinessDays))}"));

        Assert.Equal(Fingerprint(Simulate(7, 100)), Fingerprint(Simulate(7, 100)));
        Assert.NotEqual(Fingerprint(Simulate(7, 100)), Fingerprint(Simulate(8, 100)));
    }

    [Fact]
    public void Milestones_that_fell_within_the_period_fired_at_their_due_time_and_are_in_the_history()
    {
        var runs = Simulate(5);
        var firings = runs.SelectMany(r => r.Firings).ToList();

        Assert.Contains(firings, f => f.Milestone == SlaMilestone.Breach);
        Assert.All(firings, f => Assert.Equal(f.DueTime, f.FiredTime));
        // Nothing is left due before the end: a broker loading this history has no milestones to catch up on.
        var thresholds = new SlaPolicy().Thresholds;
        Assert.DoesNotContain(runs.SelectMany(r => r.Timers),
            t => Enum.GetValues<SlaMilestone>().Any(m => t.DueTime(m, thresholds) <= End));
        Assert.All(runs, r => Assert.Equal(r.Firings.Count, r.Application.NewEvents.Count(e =>
            e.Action is ApplicationAction.SlaReminder or ApplicationAction.SlaBreach or ApplicationAction.SlaEscalation)));
    }

    [Fact]
    public void The_history_has_every_ending_and_a_backlog_of_open_work()
    {
        var states = Simulate(42).GroupBy(r => r.Application.State).ToDictionary(g => g.Key, g => g.Count());

        Assert.True(states.GetValueOrDefault(ApplicationState.Delivered) > 100);
        Assert.True(states.GetValueOrDefault(ApplicationState.Rejected) > 0);
        Assert.True(states.GetValueOrDefault(ApplicationState.Withdrawn) > 0);
        Assert.True(states.Where(s => s.Key is ApplicationState.RekReview or ApplicationState.DataOwnerReview
            or ApplicationState.HdsDecision or ApplicationState.DataDelivery).Sum(s => s.Value) > 20);
    }

    [Fact]
    public void Slow_registries_are_slow_and_every_event_is_in_time_order()
    {
        var runs = Simulate(3);
        double Median(string body) => runs.SelectMany(r => r.Changes).OfType<StatisticsChange.TaskClosed>()
            .Where(c => c.Interval.Stage == Stage.DataOwnerReview && c.Interval.Body == body)
            .Select(c => c.Interval.BodyBusinessDays).Order().ToList() is var days && days.Count > 0 ? days[days.Count / 2] : 0;

        Assert.True(Median("npr") > 1.5 * Median("reseptregisteret"), $"npr {Median("npr")} vs LMR {Median("reseptregisteret")}");
        Assert.All(runs, r => Assert.True(r.Application.NewEvents.Zip(r.Application.NewEvents.Skip(1))
            .All(p => p.First.OccurredTime <= p.Second.OccurredTime)));
        Assert.All(runs.SelectMany(r => r.Application.NewEvents), e => Assert.True(e.OccurredTime <= End));
    }
}
