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
    /// <summary>Per stage (body "") and per stage and body, for a calendar year or one of its quarters.</summary>
    public async Task<IReadOnlyList<TurnaroundSummary>> TurnaroundAsync(
        StatisticsFilter filter, CancellationToken cancellationToken)
    {
        var period = TablePeriod.Of(filter.FromMonth, filter.ToMonth);
        // What is hidden is decided on the whole table (every body, purpose and quarter of the year), whatever was
        // asked; the answer is one slice of it.
        var (answer, cases) = await TalliesAsync(filter, period, withCohorts: true, cancellationToken);
        var hidden = Hidden(cases.Select(c => (c.Key, c.Value)), filter, period);
        return answer.OrderBy(t => Enum.Parse<Stage>(t.Key.Stage)).ThenBy(t => t.Key.Body)
            .Select(t => TurnaroundSummary.From(t.Key.Stage, t.Key.Body, t.Value, hidden.Contains(t.Key))).ToList();
    }

    /// <summary>
    /// Open work per stage and body: now, or at the end of a past day from that night's snapshot.
    /// </summary>
    /// <returns>The groups and the time they describe.</returns>
    public async Task<(DateTimeOffset AsOfTime, IReadOnlyList<BacklogGroup> Groups)> BacklogAsync(
        StatisticsFilter filter, DateOnly? day, CancellationToken cancellationToken)
    {
        // Every body and purpose (each, and all together: purpose ""), whatever was asked.
        var (asOf, counts) = day is { } past && past < Today()
            ? await snapshots.ReadAsync(past, cancellationToken)
              ?? throw new NotFoundException($"The backlog snapshot of {past:yyyy-MM-dd}")
            : (clock.GetUtcNow(), await OpenBacklogAsync(null, [], cancellationToken));
        var hidden = Hidden(counts.Where(c => c.Purpose != StatisticsStore.AnyPurpose)
            .Select(c => (new TallyKey(c.Stage.ToString(), c.Body, c.Purpose, null), c.Count.Tasks)), filter, period: null);
        var asked = counts.Where(c => c.Purpose == RollupPurpose(filter)
                                      && (filter.Bodies.Count == 0 || filter.Bodies.Contains(c.Body)));
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
        // Every month of the period up to this one, a month without arrivals or completions too (a gap must not
        // vanish from a line chart).
        long backlog = rows.Where(r => r.Key < filter.FromMonth).Sum(r => r.Value.Arrivals - r.Value.Completions);
        var thisMonth = WallClock.OsloMonthOf(clock.GetUtcNow());
        var trend = new List<MonthTrend>();
        for (var month = filter.FromMonth; month <= filter.ToMonth && month <= thisMonth; month = month.AddMonths(1))
        {
            var (arrivals, completions, lead) = rows.GetValueOrDefault(month, (0, 0, new DurationHistogram()));
            backlog += arrivals - completions;
            var suppressed = completions < filter.SuppressBelow;
            trend.Add(new MonthTrend(month, arrivals, completions, suppressed ? null : lead.Percentile(0.5), backlog));
        }

        return trend;
    }

    /// <summary>Where the lead time goes and where the overdue work lies: shares by stage and by body.</summary>
    public async Task<IReadOnlyList<Bottleneck>> BottlenecksAsync(
        StatisticsFilter filter, CancellationToken cancellationToken)
    {
        var period = TablePeriod.Of(filter.FromMonth, filter.ToMonth);
        var (answer, cases) = await TalliesAsync(filter, period, withCohorts: false, cancellationToken);
        var bodies = answer.Where(t => t.Key.Body != "").ToList();
        var totalDays = bodies.Sum(t => t.Value.SumBusinessDays);
        var overdue = (await OpenBacklogAsync(RollupPurpose(filter), filter.Bodies, cancellationToken))
            .Where(c => c.Count.Overdue).Select(c => (c.Stage, c.Body, c.Count.Tasks)).ToList();
        var totalOverdue = overdue.Sum(o => o.Tasks);
        // What the turnaround table hides (its counts and means are the same figures), and: the shares of all rows
        // add up to one, a single line in which a hidden row must not be the only one.
        var hidden = Hidden(cases.Select(c => (c.Key, c.Value)), filter, period).ToHashSet();
        static string Row((string Stage, string Body) group) => $"{group.Stage}/{group.Body}";
        var hiddenShares = Disclosure.Suppressed(bodies.ToDictionary(t => (Row(t.Key), ""), t => t.Value.Count),
            filter.SuppressBelow);
        hidden.UnionWith(bodies.Where(t => hiddenShares.Contains(TableCell.Inner(Row(t.Key), ""))).Select(t => t.Key));
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

    /// <summary>A group of the whole table: stage, body, one purpose, and the quarter (null where there are none).</summary>
    private sealed record TallyKey(string Stage, string Body, string Purpose, string? Quarter);

    /// <param name="Answer">The groups asked for, per stage and body and per stage (body "").</param>
    /// <param name="Cases">The whole table's cases: every stage, body, purpose and quarter of the period's year.</param>
    private sealed record Tallies(
        Dictionary<(string Stage, string Body), TurnaroundTally> Answer, Dictionary<TallyKey, long> Cases);

    /// <summary>
    /// The figures asked for (the purpose, quarter or year, and bodies of the filter) and, for disclosure control, the
    /// cases of the whole table they are a slice of, counted in PostgreSQL so that only the slice's histograms cross
    /// the wire. Completed work counts by the quarter it closed in, the Kaplan-Meier cohorts by the quarter they opened in.
    /// </summary>
    /// <param name="withCohorts">Whether to add the Kaplan-Meier cohorts: opened in the period, completed or censored.</param>
    private async Task<Tallies> TalliesAsync(
        StatisticsFilter filter, TablePeriod period, bool withCohorts, CancellationToken cancellationToken)
    {
        var answer = new Dictionary<(string Stage, string Body), TurnaroundTally>();
        void AddToBoth(string stage, string body, Action<TurnaroundTally> add)
        {
            foreach (var key in new[] { (stage, body), (stage, "") })
            {
                add(answer.TryGetValue(key, out var t) ? t : answer[key] = new TurnaroundTally());
            }
        }

        var cases = new Dictionary<TallyKey, long>();
        void Count(string stage, string body, string purpose, string quarter, long n)
        {
            var key = new TallyKey(stage, body, purpose, quarter);
            cases[key] = cases.GetValueOrDefault(key) + n;
        }

        var purpose = RollupPurpose(filter);
        bool Asked(string body, string rowPurpose, DateOnly month) =>
            rowPurpose == purpose && month >= period.FirstMonth && month <= period.LastMonth
            && (filter.Bodies.Count == 0 || filter.Bodies.Contains(body));
        bool InTable(string rowPurpose, DateOnly month) =>
            rowPurpose != StatisticsStore.AnyPurpose && month >= period.YearFirstMonth && month <= period.YearLastMonth;

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using (var batch = new NpgsqlBatch(connection, snapshot))
        {
            batch.BatchCommands.Add(ParameterValues.Statement("""
                select stage, body, business_hist, calendar_hist, sum_business, sum_calendar, sum_applicant_wait,
                       within_sla
                from turnaround_rollups
                where close_month between $1 and $2 and purpose = $3
                  and (cardinality($4::text[]) = 0 or body = any($4))
                """, period.FirstMonth, period.LastMonth, purpose, filter.Bodies.ToArray()));
            // Kaplan-Meier cohort: tasks opened in the period; completions are events, cancellations and open tasks censored.
            batch.BatchCommands.Add(ParameterValues.Statement("""
                select stage, body, completed_hist, cancelled_hist from cohort_rollups
                where open_month between $1 and $2 and purpose = $3
                  and (cardinality($4::text[]) = 0 or body = any($4)) and $5
                """, period.FirstMonth, period.LastMonth, purpose, filter.Bodies.ToArray(), withCohorts));
            // The whole table's cases, each purpose (not the all-purposes rows, their sums) by quarter.
            batch.BatchCommands.Add(ParameterValues.Statement("""
                select stage, body, purpose, extract(quarter from close_month)::integer,
                       sum((select sum(n) from unnest(business_hist) n))::bigint
                from turnaround_rollups
                where close_month between $1 and $2 and purpose <> ''
                group by 1, 2, 3, 4
                """, period.YearFirstMonth, period.YearLastMonth));
            batch.BatchCommands.Add(ParameterValues.Statement("""
                select stage, body, purpose, extract(quarter from open_month)::integer,
                       sum((select sum(n) from unnest(cancelled_hist) n))::bigint
                from cohort_rollups
                where open_month between $1 and $2 and purpose <> '' and $3
                group by 1, 2, 3, 4
                """, period.YearFirstMonth, period.YearLastMonth, withCohorts));
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

            for (var table = 0; table < 2; table++)
            {
                await r.NextResultAsync(cancellationToken);
                while (await r.ReadAsync(cancellationToken))
                {
                    Count(r.GetString(0), r.GetString(1), r.GetString(2), TablePeriod.LayerOf(r.GetInt32(3)), r.GetInt64(4));
                }
            }

            // Intervals not yet folded count exactly as they will once they are.
            await r.NextResultAsync(cancellationToken);
            var pending = await StageIntervalRows.ReadAllAsync(r, cancellationToken);
            foreach (var row in RollupRows.ClosedWorkOf(pending))
            {
                var t = row.Tally;
                if (Asked(row.Body, row.Purpose, row.Month))
                {
                    AddToBoth(row.Stage, row.Body, tally => tally.AddCompleted(t.BusinessDays, t.CalendarDays,
                        t.SumBusinessDays, t.SumCalendarDays, t.SumApplicantWaitBusinessDays, t.WithinSla));
                }

                if (InTable(row.Purpose, row.Month)) Count(row.Stage, row.Body, row.Purpose, TablePeriod.QuarterOf(row.Month), t.Count);
            }

            foreach (var row in withCohorts ? RollupRows.CohortsOf(pending) : [])
            {
                if (Asked(row.Body, row.Purpose, row.Month)) AddToBoth(row.Stage, row.Body, t => t.AddCohort(row.Completed, row.Cancelled));
                if (InTable(row.Purpose, row.Month))
                {
                    Count(row.Stage, row.Body, row.Purpose, TablePeriod.QuarterOf(row.Month), row.Cancelled.Count);
                }
            }
        }

        if (!withCohorts) return new Tallies(answer, cases);

        // ... and the tasks opened in the period that are still open: censored at the age they have reached. They come
        // per purpose, so a slice of all purposes adds them up.
        foreach (var (stage, body, rowPurpose, month, days, tasks) in await OpenWorkQueries.CensoredAsync(connection,
                     snapshot, Today(), period.YearFirstMonth, period.YearLastMonth, cancellationToken))
        {
            if (Asked(body, filter.Purpose is null ? purpose : rowPurpose, month))
            {
                AddToBoth(stage.ToString(), body, t => t.AddOpen(days, tasks));
            }

            Count(stage.ToString(), body, rowPurpose, TablePeriod.QuarterOf(month), tasks);
        }

        return new Tallies(answer, cases);
    }

    /// <summary>Open work now (waiting on the body or paused on the applicant) by age bucket.</summary>
    /// <param name="purpose">One purpose, "" for all together, null for every purpose row (each and all together).</param>
    private async Task<List<(Stage Stage, string Body, string Purpose, BacklogCount Count)>> OpenBacklogAsync(
        string? purpose, IReadOnlyList<string> bodies, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await OpenWorkQueries.BacklogAsync(connection, null, Today(), purpose, bodies, cancellationToken);
    }

    /// <summary>
    /// The groups disclosure control hides (<see cref="Disclosure"/>) in the answer's slice of the whole table, decided
    /// on the whole table: every body's, purpose's and quarter's figures, whatever was asked for. With bodies asked
    /// for, a stage's total is theirs, hidden when one of them is.
    /// </summary>
    /// <param name="period">The quarter or year asked for; null for a table without quarters (the backlog).</param>
    private static IReadOnlySet<(string Stage, string Body)> Hidden(
        IEnumerable<(TallyKey Group, long Cases)> whole, StatisticsFilter filter, TablePeriod? period)
    {
        var hidden = Disclosure.HiddenGroups(
            whole.Select(c => (c.Group.Stage, c.Group.Body, c.Group.Purpose, c.Group.Quarter, c.Cases)),
            filter.Purpose?.ToString(), period?.Layer, filter.SuppressBelow);
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
