using DataAccessBroker.Domain.Statistics;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Persistence;

/// <summary>
/// Writes what a change adds to the statistics, in the change's own transaction, as inserts only: the closed stage
/// intervals (facts, marked unfolded), arrivals and completions, and open-work moves. None of these statements reads
/// or updates a row that another transition also touches, so transitions never queue on each other here; the
/// <see cref="Statistics.RollupFolder"/> adds them to the rollups in batches, and the queries read rollups plus what
/// is still pending.
/// </summary>
internal static class StatisticsStore
{
    /// <summary>
    /// The purpose under which the closed-work, cohort and open-work rollups also count every case, whatever its
    /// purpose: a query without a purpose filter reads these rows alone, a quarter of the rows it would otherwise add up.
    /// </summary>
    public const string AnyPurpose = "";

    public static IEnumerable<NpgsqlBatchCommand> Commands(
        IReadOnlyCollection<StatisticsChange> changes, IReadOnlyCollection<OpenWorkMove> openWork)
    {
        var intervals = changes.OfType<StatisticsChange.TaskClosed>().Select(c => c.Interval).ToList();
        if (intervals.Count > 0) yield return IntervalFacts(intervals);

        var months = changes.OfType<StatisticsChange.Arrived>()
            .Select(a => (Month: Domain.Sla.WallClock.OsloMonthOf(a.Time), Purpose: a.Purpose.ToString(), Arrivals: 1,
                LeadDays: (double?)null))
            .Concat(changes.OfType<StatisticsChange.Finished>()
                .Select(f => (Month: Domain.Sla.WallClock.OsloMonthOf(f.Time), Purpose: f.Purpose.ToString(), Arrivals: 0,
                    LeadDays: (double?)f.LeadCalendarDays)))
            .ToList();
        if (months.Count > 0) yield return MonthDeltas(months);

        if (openWork.Count > 0) yield return OpenWorkDeltas(openWork);
    }

    /// <summary>Every closed stage task once (a repeat is ignored), and the same task ids as not yet folded.</summary>
    private static NpgsqlBatchCommand IntervalFacts(IReadOnlyCollection<StageInterval> intervals) =>
        new ColumnArrays<StageInterval>(intervals)
            .Column(i => i.TaskId).Column(i => i.Stage.ToString()).Column(i => i.Body).Column(i => i.Purpose.ToString())
            .Column(i => i.OpenedTime).Column(i => i.ClosedTime!.Value).Column(i => i.Outcome.ToString())
            .Column(i => i.BodyBusinessDays).Column(i => i.BodyCalendarDays).Column(i => i.ApplicantWaitBusinessDays)
            .Column(i => i.ApplicantWaitCalendarDays).Column(i => i.WithinSla)
            .Command("""
                with added as (
                    insert into stage_intervals (task_id, stage, body, purpose, opened_time, closed_time, outcome,
                        body_business_days, body_calendar_days, applicant_wait_business_days,
                        applicant_wait_calendar_days, within_sla)
                    select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[],
                        $6::timestamptz[], $7::text[], $8::double precision[], $9::double precision[],
                        $10::double precision[], $11::double precision[], $12::boolean[])
                    on conflict (task_id) do nothing
                    returning task_id)
                insert into stage_intervals_unfolded (task_id) select task_id from added
                """);

    private static NpgsqlBatchCommand MonthDeltas(
        IReadOnlyCollection<(DateOnly Month, string Purpose, int Arrivals, double? LeadDays)> rows) =>
        new ColumnArrays<(DateOnly Month, string Purpose, int Arrivals, double? LeadDays)>(rows)
            .Column(r => r.Month).Column(r => r.Purpose).Column(r => r.Arrivals).Column(r => r.LeadDays)
            .Command("""
                insert into application_month_deltas (month, purpose, arrivals, lead_days)
                select * from unnest($1::date[], $2::text[], $3::integer[], $4::double precision[])
                """);

    /// <summary>
    /// Each move as a -1 where the task was counted and a +1 where it is now, under its purpose; the folder and the
    /// queries count each also under "" (any purpose), so a transition writes half the rows.
    /// </summary>
    private static NpgsqlBatchCommand OpenWorkDeltas(IReadOnlyCollection<OpenWorkMove> moves)
    {
        var rows = moves
            .SelectMany(m => new[] { (Move: m, Count: m.From, Change: -1), (Move: m, Count: m.To, Change: 1) })
            .Where(r => r.Count is not null)
            .Select(r => (r.Move, Count: r.Count!.Value, r.Change, Purpose: r.Move.Purpose.ToString()))
            .ToList();
        return new ColumnArrays<(OpenWorkMove Move, OpenWorkCount Count, int Change, string Purpose)>(rows)
            .Column(r => r.Move.Stage.ToString()).Column(r => r.Move.Body).Column(r => r.Purpose)
            .Column(r => r.Move.OpenMonth).Column(r => r.Count.Age.ClockDay).Column(r => r.Count.Age.CarriedHalfDays)
            .Column(r => r.Count.Breached).Column(r => r.Change)
            .Command("""
                insert into open_task_deltas (stage, body, purpose, open_month, clock_day, carried_half_days,
                    breached, change)
                select * from unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::date[], $6::integer[],
                    $7::boolean[], $8::integer[])
                """);
    }
}
