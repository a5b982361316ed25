using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Domain.Statistics;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Persistence;

/// <summary>
/// Writes the statistics facts and rollups, in the transaction of the change that produced them. Changes are summed
/// per rollup row first, so a live command and a bulk load of simulated history each touch a rollup row once, and
/// rows are touched in key order, so two writers never wait on each other in a circle.
/// </summary>
public sealed class StatisticsStore
{
    /// <summary>
    /// The purpose under which the closed-work, cohort and open-work rollups also count every case, whatever its
    /// purpose: a query without a purpose filter reads these rows alone, a quarter of the rows it would otherwise add up.
    /// </summary>
    public const string AnyPurpose = "";

    /// <summary>Months are Europe/Oslo calendar months.</summary>
    public static DateOnly MonthOf(DateTimeOffset time)
    {
        var day = WallClock.OsloDayOf(time);
        return new DateOnly(day.Year, day.Month, 1);
    }

    public async Task RecordAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<StatisticsChange> changes,
        CancellationToken cancellationToken)
    {
        var all = changes.ToList();
        if (all.Count == 0) return;
        var intervals = all.OfType<StatisticsChange.TaskClosed>().Select(c => c.Interval).ToList();
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (intervals.Count > 0) batch.BatchCommands.Add(IntervalFacts(intervals));
        foreach (var command in TurnaroundRollups(intervals)) batch.BatchCommands.Add(command);
        foreach (var command in CohortRollups(intervals)) batch.BatchCommands.Add(command);
        foreach (var command in MonthRollups(all)) batch.BatchCommands.Add(command);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand IntervalFacts(IReadOnlyCollection<StageInterval> intervals) =>
        new ColumnArrays<StageInterval>(intervals)
            .Column(i => i.TaskId).Column(i => i.Stage.ToString()).Column(i => i.Body).Column(i => i.Purpose.ToString())
            .Column(i => i.OpenedTime).Column(i => i.ClosedTime!.Value).Column(i => i.Outcome.ToString())
            .Column(i => i.BodyBusinessDays).Column(i => i.BodyCalendarDays).Column(i => i.ApplicantWaitBusinessDays)
            .Column(i => i.ApplicantWaitCalendarDays).Column(i => i.WithinSla)
            .Command("""
                insert into stage_intervals (task_id, stage, body, purpose, opened_time, closed_time, outcome,
                    body_business_days, body_calendar_days, applicant_wait_business_days,
                    applicant_wait_calendar_days, within_sla)
                select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[],
                    $6::timestamptz[], $7::text[], $8::double precision[], $9::double precision[],
                    $10::double precision[], $11::double precision[], $12::boolean[])
                on conflict (task_id) do nothing
                """);

    private static IEnumerable<NpgsqlBatchCommand> TurnaroundRollups(IEnumerable<StageInterval> intervals) =>
        intervals.Where(i => i.IsCompleted).SelectMany(RollupPurposes)
            .GroupBy(i => (Month: MonthOf(i.Interval.ClosedTime!.Value), Stage: i.Interval.Stage.ToString(), i.Interval.Body, i.Purpose),
                i => i.Interval)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var tally = new TurnaroundTally();
                foreach (var interval in g) tally.AddCompleted(interval);
                return Command("""
                    insert into turnaround_rollups (close_month, stage, body, purpose, business_hist, calendar_hist,
                        sum_business, sum_calendar, sum_applicant_wait, within_sla)
                    values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                    on conflict (close_month, stage, body, purpose) do update set
                        business_hist = dab_histogram_add(turnaround_rollups.business_hist, excluded.business_hist),
                        calendar_hist = dab_histogram_add(turnaround_rollups.calendar_hist, excluded.calendar_hist),
                        sum_business = turnaround_rollups.sum_business + excluded.sum_business,
                        sum_calendar = turnaround_rollups.sum_calendar + excluded.sum_calendar,
                        sum_applicant_wait = turnaround_rollups.sum_applicant_wait + excluded.sum_applicant_wait,
                        within_sla = turnaround_rollups.within_sla + excluded.within_sla
                    """, g.Key.Month, g.Key.Stage, g.Key.Body, g.Key.Purpose, tally.BusinessDays.Counts.ToArray(),
                    tally.CalendarDays.Counts.ToArray(), tally.SumBusinessDays, tally.SumCalendarDays,
                    tally.SumApplicantWaitBusinessDays, tally.WithinSla);
            });

    private static IEnumerable<NpgsqlBatchCommand> CohortRollups(IEnumerable<StageInterval> intervals) =>
        intervals.SelectMany(RollupPurposes)
            .GroupBy(i => (Month: MonthOf(i.Interval.OpenedTime), Stage: i.Interval.Stage.ToString(), i.Interval.Body, i.Purpose),
                i => i.Interval)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var (completed, cancelled) = (new DurationHistogram(), new DurationHistogram());
                foreach (var interval in g) (interval.IsCompleted ? completed : cancelled).Add(interval.BodyBusinessDays);
                return Command("""
                    insert into cohort_rollups (open_month, stage, body, purpose, completed_hist, cancelled_hist)
                    values ($1, $2, $3, $4, $5, $6)
                    on conflict (open_month, stage, body, purpose) do update set
                        completed_hist = dab_histogram_add(cohort_rollups.completed_hist, excluded.completed_hist),
                        cancelled_hist = dab_histogram_add(cohort_rollups.cancelled_hist, excluded.cancelled_hist)
                    """, g.Key.Month, g.Key.Stage, g.Key.Body, g.Key.Purpose, completed.Counts.ToArray(),
                    cancelled.Counts.ToArray());
            });

    private static IEnumerable<NpgsqlBatchCommand> MonthRollups(IReadOnlyCollection<StatisticsChange> changes) =>
        changes.OfType<StatisticsChange.Arrived>()
            .Select(a => (Month: MonthOf(a.Time), a.Purpose, Arrived: 1, Lead: (double?)null))
            .Concat(changes.OfType<StatisticsChange.Finished>()
                .Select(f => (Month: MonthOf(f.Time), f.Purpose, Arrived: 0, Lead: (double?)f.LeadCalendarDays)))
            .GroupBy(c => (c.Month, Purpose: c.Purpose.ToString()))
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var lead = new DurationHistogram();
                foreach (var days in g.Select(c => c.Lead).OfType<double>()) lead.Add(days);
                return Command("""
                    insert into application_month_rollups (month, purpose, arrivals, completions, lead_hist, sum_lead)
                    values ($1, $2, $3, $4, $5, $6)
                    on conflict (month, purpose) do update set
                        arrivals = application_month_rollups.arrivals + excluded.arrivals,
                        completions = application_month_rollups.completions + excluded.completions,
                        lead_hist = dab_histogram_add(application_month_rollups.lead_hist, excluded.lead_hist),
                        sum_lead = application_month_rollups.sum_lead + excluded.sum_lead
                    """, g.Key.Month, g.Key.Purpose, (long)g.Sum(c => c.Arrived), lead.Count, lead.Counts.ToArray(),
                    g.Select(c => c.Lead).OfType<double>().Sum());
            });

    private static IEnumerable<(StageInterval Interval, string Purpose)> RollupPurposes(StageInterval interval) =>
        [(interval, interval.Purpose.ToString()), (interval, AnyPurpose)];

    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddValues(values);
        return command;
    }
}
