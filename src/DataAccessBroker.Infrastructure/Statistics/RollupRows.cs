using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Domain.Statistics;
using DataAccessBroker.Infrastructure.Persistence;

namespace DataAccessBroker.Infrastructure.Statistics;

/// <summary>
/// What closed stage intervals and month deltas add to each rollup row, worked out one way for both sides: the
/// <see cref="RollupFolder"/> adds it to the stored rows, and the queries add what is still pending to what they read.
/// Every interval row counts under its purpose and under "" (any purpose).
/// </summary>
internal static class RollupRows
{
    /// <summary>Completed work of one close month, stage, body and purpose.</summary>
    public sealed record ClosedWork(DateOnly Month, string Stage, string Body, string Purpose, TurnaroundTally Tally);

    /// <summary>Tasks of one opening month, stage, body and purpose: completed (events) and cancelled (censored).</summary>
    public sealed record Cohort(
        DateOnly Month, string Stage, string Body, string Purpose, DurationHistogram Completed, DurationHistogram Cancelled);

    /// <summary>Applications of one month and purpose: submitted, and finished with their lead times.</summary>
    public sealed record ApplicationMonth(DateOnly Month, string Purpose, long Arrivals, DurationHistogram Lead, double SumLead);

    /// <summary>A pending arrival (lead time null) or completion.</summary>
    public sealed record MonthDelta(DateOnly Month, string Purpose, int Arrivals, double? LeadDays);

    public static IEnumerable<ClosedWork> ClosedWorkOf(IEnumerable<StageInterval> intervals) =>
        intervals.Where(i => i.IsCompleted).SelectMany(WithPurposes)
            .GroupBy(i => (Month: WallClock.OsloMonthOf(i.Interval.ClosedTime!.Value), Stage: i.Interval.Stage.ToString(),
                i.Interval.Body, i.Purpose), i => i.Interval)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var tally = new TurnaroundTally();
                foreach (var interval in g) tally.AddCompleted(interval);
                return new ClosedWork(g.Key.Month, g.Key.Stage, g.Key.Body, g.Key.Purpose, tally);
            });

    public static IEnumerable<Cohort> CohortsOf(IEnumerable<StageInterval> intervals) =>
        intervals.SelectMany(WithPurposes)
            .GroupBy(i => (Month: WallClock.OsloMonthOf(i.Interval.OpenedTime), Stage: i.Interval.Stage.ToString(),
                i.Interval.Body, i.Purpose), i => i.Interval)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var (completed, cancelled) = (new DurationHistogram(), new DurationHistogram());
                foreach (var interval in g) (interval.IsCompleted ? completed : cancelled).Add(interval.BodyBusinessDays);
                return new Cohort(g.Key.Month, g.Key.Stage, g.Key.Body, g.Key.Purpose, completed, cancelled);
            });

    public static IEnumerable<ApplicationMonth> ApplicationMonthsOf(IEnumerable<MonthDelta> deltas) =>
        deltas.GroupBy(d => (d.Month, d.Purpose)).OrderBy(g => g.Key)
            .Select(g =>
            {
                var lead = new DurationHistogram();
                foreach (var days in g.Select(d => d.LeadDays).OfType<double>()) lead.Add(days);
                return new ApplicationMonth(g.Key.Month, g.Key.Purpose, g.Sum(d => (long)d.Arrivals), lead,
                    g.Select(d => d.LeadDays).OfType<double>().Sum());
            });

    private static IEnumerable<(StageInterval Interval, string Purpose)> WithPurposes(StageInterval interval) =>
        [(interval, interval.Purpose.ToString()), (interval, StatisticsStore.AnyPurpose)];
}
