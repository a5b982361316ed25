using System.Data;
using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Errors;
using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Domain.Statistics;
using DataAccessBroker.Infrastructure.Persistence;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Statistics;

/// <summary>
/// Aggregates for analysts, read from rollups: closed work by month, cohorts by the month they opened, applications
/// by month, and open work by age (see <see cref="OpenTaskAge"/>). Each is a bounded number of rows however large the
/// history and the backlog grow, so the answer time does not grow with them. Transitions append deltas that the
/// <see cref="RollupFolder"/> adds to the rollups within a second or so; every answer reads the rollups and the
/// deltas still pending in one snapshot (repeatable read), so it is exact whenever it is asked.
/// </summary>
public sealed class StatisticsQueries(NpgsqlDataSource dataSource, BacklogSnapshots snapshots, TimeProvider clock)
{
    /// <summary>Per stage (body "") and per stage and body.</summary>
    public async Task<IReadOnlyList<TurnaroundSummary>> TurnaroundAsync(
        StatisticsFilter filter, CancellationToken cancellationToken)
    {
        var tallies = await TalliesAsync(filter, withCohorts: true, cancellationToken);
        // What is hidden is decided on the whole table, every body's, whatever bodies were asked for: one row asked
        // alone must not show what the whole table hides.
        var whole = filter.Bodies.Count == 0 ? tallies : await TalliesAsync(filter.ForAllBodies(), withCohorts: true, cancellationToken);
        var hidden = Hidden(whole.Select(t => (t.Key.Stage, t.Key.Body, TurnaroundSummary.Cases(t.Value))), filter);
        return tallies.OrderBy(t => Enum.Parse<Stage>(t.Key.Stage)).ThenBy(t => t.Key.Body)
            .Select(t => TurnaroundSummary.From(t.Key.Stage, t.Key.Body, t.Value, hidden.Contains(t.Key))).ToList();
    }

    /// <summary>
    /// Open work per stage and body: now, or at the end of a past day from that night's snapshot.
    /// </summary>
    /// <returns>The groups and the time they describe.</returns>
    public async Task<(DateTimeOffset AsOfTime, IReadOnlyList<BacklogGroup> Groups)> BacklogAsync(
        StatisticsFilter filter, DateOnly? day, CancellationToken cancellationToken)
    {
        var whole = filter.ForAllBodies();
        var (asOf, counts) = day is { } past && past < Today()
            ? await snapshots.ReadAsync(whole, past, cancellationToken)
              ?? throw new NotFoundException($"The backlog snapshot of {past:yyyy-MM-dd}")
            : (clock.GetUtcNow(), (await OpenBacklogAsync(whole, cancellationToken))
                .Select(c => (c.Stage, c.Body, c.Count)).ToList());
        var hidden = Hidden(counts.GroupBy(c => (Stage: c.Stage.ToString(), c.Body))
            .Select(g => (g.Key.Stage, g.Key.Body, g.Sum(c => c.Count.Tasks))), filter);
        var asked = counts.Where(c => filter.Bodies.Count == 0 || filter.Bodies.Contains(c.Body));
        var byGroup = asked.SelectMany(c => new[] { (c.Stage, c.Body, c.Count), (c.Stage, Body: "", c.Count) })
            .ToLookup(c => (Stage: c.Stage.ToString(), c.Body), c => c.Count);
        IReadOnlyList<BacklogGroup> groups = byGroup.OrderBy(g => Enum.Parse<Stage>(g.Key.Stage)).ThenBy(g => g.Key.Body)
            .Select(g => BacklogGroup.From(g.Key.Stage, g.Key.Body, g.ToList(), hidden.Contains(g.Key)))
            .ToList();
        return (asOf, groups);
    }

    public async Task<IReadOnlyList<MonthTrend>> TrendAsync(StatisticsFilter filter, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using var batch = new NpgsqlBatch(connection, snapshot);
        batch.BatchCommands.Add(ParameterValues.Statement("""
            select month, purpose, arrivals, completions, lead_hist from application_month_rollups
            where month <= $1 and ($2::text is null or purpose = $2)
            """, filter.ToMonth, filter.Purpose?.ToString()));
        batch.BatchCommands.Add(ParameterValues.Statement("""
            select month, purpose, arrivals, lead_days from application_month_deltas
            where month <= $1 and ($2::text is null or purpose = $2)
            """, filter.ToMonth, filter.Purpose?.ToString()));
        var rows = new SortedDictionary<DateOnly, (long Arrivals, long Completions, DurationHistogram Lead)>();
        void Add(DateOnly month, long arrivals, long completions, DurationHistogram lead)
        {
            var (a, c, l) = rows.GetValueOrDefault(month, (0, 0, new DurationHistogram()));
            l.Add(lead);
            rows[month] = (a + arrivals, c + completions, l);
        }

        await using (var r = await batch.ExecuteReaderAsync(cancellationToken))
        {
            while (await r.ReadAsync(cancellationToken))
            {
                Add(r.GetFieldValue<DateOnly>(0), r.GetInt64(2), r.GetInt64(3), DurationHistogram.From(r.GetFieldValue<long[]>(4)));
            }

            var pending = new List<RollupRows.MonthDelta>();
            await r.NextResultAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
            {
                pending.Add(new RollupRows.MonthDelta(r.GetFieldValue<DateOnly>(0), r.GetString(1), r.GetInt32(2),
                    r.IsDBNull(3) ? null : r.GetDouble(3)));
            }

            foreach (var row in RollupRows.ApplicationMonthsOf(pending)) Add(row.Month, row.Arrivals, row.Lead.Count, row.Lead);
        }

        // Backlog at month end: everything that arrived and has not finished, counted from the start of history.
        long backlog = 0;
        var trend = new List<MonthTrend>();
        foreach (var (month, row) in rows)
        {
            backlog += row.Arrivals - row.Completions;
            if (month < filter.FromMonth) continue;
            var suppressed = row.Completions < filter.SuppressBelow;
            trend.Add(new MonthTrend(month, row.Arrivals, row.Completions,
                suppressed ? null : row.Lead.Percentile(0.5), backlog));
        }

        return trend;
    }

    /// <summary>Where the lead time goes and where the overdue work lies: shares by stage and by body.</summary>
    public async Task<IReadOnlyList<Bottleneck>> BottlenecksAsync(
        StatisticsFilter filter, CancellationToken cancellationToken)
    {
        var tallies = await TalliesAsync(filter, withCohorts: false, cancellationToken);
        var bodies = tallies.Where(t => t.Key.Body != "").ToList();
        var totalDays = bodies.Sum(t => t.Value.SumBusinessDays);
        var overdue = (await OpenBacklogAsync(filter, cancellationToken)).Where(c => c.Count.Overdue)
            .Select(c => (c.Stage, c.Body, c.Count.Tasks)).ToList();
        var totalOverdue = overdue.Sum(o => o.Tasks);
        // The shares of all rows add up to one: a single line, in which a hidden row must not be the only one.
        var hidden = Disclosure.Suppressed(bodies.ToDictionary(t => (t.Key, ""), t => t.Value.Count), filter.SuppressBelow)
            .Where(c => !c.IsRowTotal && !c.IsColumnTotal).Select(c => c.Row).ToHashSet();
        return bodies
            .Select(t =>
            {
                var overdueHere = overdue.Where(o => o.Stage.ToString() == t.Key.Stage && o.Body == t.Key.Body).Sum(o => o.Tasks);
                var suppressed = hidden.Contains(t.Key);
                return new Bottleneck(t.Key.Stage, t.Key.Body, suppressed,
                    suppressed || totalDays == 0 ? null : Math.Round(t.Value.SumBusinessDays / totalDays, 4),
                    suppressed || totalOverdue == 0 ? null : Math.Round((double)overdueHere / totalOverdue, 4),
                    suppressed ? null : Math.Round(t.Value.SumBusinessDays / Math.Max(1, t.Value.Count), 2));
            })
            .OrderByDescending(b => b.ShareOfLeadTime ?? -1).ToList();
    }

    /// <summary>Closed stage intervals of the period, oldest first, for analysis elsewhere.</summary>
    public async IAsyncEnumerable<StageInterval> ExportAsync(
        StatisticsFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // The group sizes are counted over every purpose, so that a purpose asked for gets the rows, coarsened the
        // same way, that the whole export holds.
        await using var command = new NpgsqlCommand($"""
            select * from (
                select {StageIntervalRows.Columns},
                       count(*) over (partition by i.stage, i.body, i.purpose, date_trunc('month', i.closed_time at time zone 'Europe/Oslo')),
                       count(*) over (partition by i.stage, i.body, date_trunc('month', i.closed_time at time zone 'Europe/Oslo'))
                from stage_intervals i
                where i.closed_time >= $1 and i.closed_time < $2 and (cardinality($4::text[]) = 0 or i.body = any($4))) i
            where ($3::text is null or i.purpose = $3)
            order by date_trunc('day', i.closed_time at time zone 'Europe/Oslo'), i.stage, i.body, i.body_business_days, i.task_id
            """, connection);
        command.Parameters.AddValues(Start(filter.FromMonth), Start(filter.ToMonth.AddMonths(1)),
            filter.Purpose?.ToString(), filter.Bodies.ToArray());
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            var row = ExportCoarsening.Coarsen(StageIntervalRows.Read(r), r.GetInt64(r.FieldCount - 2),
                r.GetInt64(r.FieldCount - 1), filter.SuppressBelow);
            if (row is not null) yield return row;
        }
    }

    /// <param name="withCohorts">Whether to add the Kaplan-Meier cohorts: opened in the period, completed or censored.</param>
    private async Task<Dictionary<(string Stage, string Body), TurnaroundTally>> TalliesAsync(
        StatisticsFilter filter, bool withCohorts, CancellationToken cancellationToken)
    {
        var tallies = new Dictionary<(string Stage, string Body), TurnaroundTally>();
        TurnaroundTally For(string stage, string body) =>
            tallies.TryGetValue((stage, body), out var t) ? t : tallies[(stage, body)] = new TurnaroundTally();
        void AddToBoth(string stage, string body, Action<TurnaroundTally> add)
        {
            add(For(stage, body));
            add(For(stage, ""));
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var purpose = RollupPurpose(filter);
        await using (var batch = new NpgsqlBatch(connection, snapshot))
        {
            batch.BatchCommands.Add(ParameterValues.Statement("""
                select stage, body, business_hist, calendar_hist, sum_business, sum_calendar, sum_applicant_wait,
                       within_sla
                from turnaround_rollups
                where close_month between $1 and $2 and purpose = $3
                  and (cardinality($4::text[]) = 0 or body = any($4))
                """, filter.FromMonth, filter.ToMonth, purpose, filter.Bodies.ToArray()));
            // Kaplan-Meier cohort: tasks opened in the period; completions are events, cancellations and open tasks censored.
            batch.BatchCommands.Add(ParameterValues.Statement("""
                select stage, body, completed_hist, cancelled_hist from cohort_rollups
                where open_month between $1 and $2 and purpose = $3
                  and (cardinality($4::text[]) = 0 or body = any($4)) and $5
                """, filter.FromMonth, filter.ToMonth, purpose, filter.Bodies.ToArray(), withCohorts));
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                $"select {StageIntervalRows.Columns} from stage_intervals i join stage_intervals_unfolded using (task_id)"));
            await using var r = await batch.ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
            {
                var business = DurationHistogram.From(r.GetFieldValue<long[]>(2));
                var calendar = DurationHistogram.From(r.GetFieldValue<long[]>(3));
                var (sumBusiness, sumCalendar, sumWait, withinSla) = (r.GetDouble(4), r.GetDouble(5), r.GetDouble(6), r.GetInt64(7));
                AddToBoth(r.GetString(0), r.GetString(1),
                    t => t.AddCompleted(business, calendar, sumBusiness, sumCalendar, sumWait, withinSla));
            }

            await r.NextResultAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
            {
                var events = DurationHistogram.From(r.GetFieldValue<long[]>(2));
                var censored = DurationHistogram.From(r.GetFieldValue<long[]>(3));
                AddToBoth(r.GetString(0), r.GetString(1), t => t.AddCohort(events, censored));
            }

            // Intervals not yet folded count exactly as they will once they are.
            await r.NextResultAsync(cancellationToken);
            var pending = (await StageIntervalRows.ReadAllAsync(r, cancellationToken))
                .Where(i => filter.Bodies.Count == 0 || filter.Bodies.Contains(i.Body)).ToList();
            foreach (var row in RollupRows.ClosedWorkOf(pending)
                         .Where(row => row.Purpose == purpose && row.Month >= filter.FromMonth && row.Month <= filter.ToMonth))
            {
                var t = row.Tally;
                AddToBoth(row.Stage, row.Body, tally => tally.AddCompleted(t.BusinessDays, t.CalendarDays, t.SumBusinessDays,
                    t.SumCalendarDays, t.SumApplicantWaitBusinessDays, t.WithinSla));
            }

            if (withCohorts)
            {
                foreach (var row in RollupRows.CohortsOf(pending)
                             .Where(row => row.Purpose == purpose && row.Month >= filter.FromMonth && row.Month <= filter.ToMonth))
                {
                    AddToBoth(row.Stage, row.Body, t => t.AddCohort(row.Completed, row.Cancelled));
                }
            }
        }

        if (!withCohorts) return tallies;

        // ... and the tasks opened in the period that are still open: censored at the age they have reached.
        foreach (var (stage, body, days, tasks) in await OpenWorkQueries.CensoredAsync(connection, snapshot, Today(),
                     purpose, filter.Bodies, filter.FromMonth, filter.ToMonth, cancellationToken))
        {
            AddToBoth(stage.ToString(), body, t => t.AddCensored(days, tasks));
        }

        return tallies;
    }

    /// <summary>Open work now (waiting on the body or paused on the applicant) by age bucket.</summary>
    private async Task<List<(Stage Stage, string Body, string Purpose, BacklogCount Count)>> OpenBacklogAsync(
        StatisticsFilter filter, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await OpenWorkQueries.BacklogAsync(connection, null, Today(), RollupPurpose(filter), filter.Bodies,
            cancellationToken);
    }

    /// <summary>
    /// The groups disclosure control hides (<see cref="Disclosure"/>), decided on the whole table: every body's
    /// figures, whatever bodies the filter asks for. With bodies asked for, a stage's total is theirs, hidden when
    /// one of them is.
    /// </summary>
    private static IReadOnlySet<(string Stage, string Body)> Hidden(
        IEnumerable<(string Stage, string Body, long Cases)> whole, StatisticsFilter filter)
    {
        var hidden = Disclosure.HiddenGroups(whole.Where(c => c.Body != ""), filter.SuppressBelow);
        if (filter.Bodies.Count == 0) return hidden;
        var asked = hidden.Where(h => filter.Bodies.Contains(h.Body)).ToHashSet();
        asked.UnionWith(asked.Select(h => (h.Stage, "")).ToList());
        return asked;
    }

    private static string RollupPurpose(StatisticsFilter filter) =>
        filter.Purpose?.ToString() ?? StatisticsStore.AnyPurpose;

    private DateOnly Today() => WallClock.OsloDayOf(clock.GetUtcNow());

    private static DateTimeOffset Start(DateOnly month) =>
        new DateTimeOffset(month.ToDateTime(TimeOnly.MinValue), WallClock.Oslo.GetUtcOffset(month.ToDateTime(TimeOnly.MinValue)))
            .ToUniversalTime();
}
