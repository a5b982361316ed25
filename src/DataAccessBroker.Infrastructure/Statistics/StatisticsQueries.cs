using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Domain.Statistics;
using DataAccessBroker.Infrastructure.Persistence;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Statistics;

/// <summary>
/// Aggregates for analysts. Turnaround, trend and bottlenecks read the rollups (a bounded number of fixed-size rows
/// per month, whatever the history's size); backlog and the censored cases of Kaplan-Meier read the open tasks,
/// which grow with the backlog and not with history.
/// </summary>
public sealed class StatisticsQueries(NpgsqlDataSource dataSource, SlaTimerRepository timers, TimeProvider clock)
{
    /// <summary>Per stage (body "") and per stage and body.</summary>
    public async Task<IReadOnlyList<TurnaroundSummary>> TurnaroundAsync(
        StatisticsFilter filter, CancellationToken cancellationToken)
    {
        var open = await OpenTasksAsync(filter, cancellationToken);
        var tallies = await TalliesAsync(filter, open, cancellationToken);
        return tallies.OrderBy(t => Enum.Parse<Stage>(t.Key.Stage)).ThenBy(t => t.Key.Body)
            .Select(t => TurnaroundSummary.From(t.Key.Stage, t.Key.Body, t.Value, filter.SuppressBelow)).ToList();
    }

    public async Task<IReadOnlyList<BacklogGroup>> BacklogAsync(
        StatisticsFilter filter, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var open = await OpenTasksAsync(filter, cancellationToken);
        return open
            .GroupBy(o => (o.Stage, o.Body))
            .SelectMany(g => new[] { g.Key, (g.Key.Stage, Body: "") })
            .Distinct()
            .OrderBy(k => k.Stage).ThenBy(k => k.Body)
            .Select(key =>
            {
                var members = open.Where(o => o.Stage == key.Stage && (key.Body == "" || o.Body == key.Body)).ToList();
                return BacklogGroup.From(key.Stage.ToString(), key.Body, members, now, filter.SuppressBelow);
            }).ToList();
    }

    public async Task<IReadOnlyList<MonthTrend>> TrendAsync(StatisticsFilter filter, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            select month, arrivals, completions, lead_hist from application_month_rollups
            where month <= $1 and ($2::text is null or purpose = $2)
            order by month
            """, connection);
        command.Parameters.AddValues(filter.ToMonth, filter.Purpose?.ToString());
        var rows = new SortedDictionary<DateOnly, (long Arrivals, long Completions, DurationHistogram Lead)>();
        await using (var r = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await r.ReadAsync(cancellationToken))
            {
                var month = r.GetFieldValue<DateOnly>(0);
                var (arrivals, completions, lead) = rows.GetValueOrDefault(month, (0, 0, new DurationHistogram()));
                lead.Add(DurationHistogram.From(r.GetFieldValue<long[]>(3)));
                rows[month] = (arrivals + r.GetInt64(1), completions + r.GetInt64(2), lead);
            }
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
        var open = await OpenTasksAsync(filter, cancellationToken);
        var tallies = await TalliesAsync(filter, open, cancellationToken);
        var bodies = tallies.Where(t => t.Key.Body != "").ToList();
        var totalDays = bodies.Sum(t => t.Value.SumBusinessDays);
        var now = clock.GetUtcNow();
        var overdue = open.Where(o => o.Deadline is { } d && d < now).ToList();
        return bodies
            .Select(t =>
            {
                var overdueHere = overdue.Count(o => o.Stage.ToString() == t.Key.Stage && o.Body == t.Key.Body);
                var suppressed = t.Value.Count < filter.SuppressBelow;
                return new Bottleneck(t.Key.Stage, t.Key.Body, suppressed,
                    suppressed || totalDays == 0 ? null : Math.Round(t.Value.SumBusinessDays / totalDays, 4),
                    suppressed || overdue.Count == 0 ? null : Math.Round((double)overdueHere / overdue.Count, 4),
                    suppressed ? null : Math.Round(t.Value.SumBusinessDays / Math.Max(1, t.Value.Count), 2));
            })
            .OrderByDescending(b => b.ShareOfLeadTime ?? -1).ToList();
    }

    /// <summary>Closed stage intervals of the period, oldest first, for analysis elsewhere.</summary>
    public async IAsyncEnumerable<StageInterval> ExportAsync(
        StatisticsFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            select task_id, stage, body, purpose, opened_time, closed_time, outcome, body_business_days,
                   body_calendar_days, applicant_wait_business_days, applicant_wait_calendar_days, within_sla
            from stage_intervals
            where closed_time >= $1 and closed_time < $2 and ($3::text is null or purpose = $3)
              and (cardinality($4::text[]) = 0 or body = any($4))
            order by closed_time, task_id
            """, connection);
        command.Parameters.AddValues(Start(filter.FromMonth), Start(filter.ToMonth.AddMonths(1)),
            filter.Purpose?.ToString(), filter.Bodies.ToArray());
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            yield return new StageInterval(r.GetGuid(0), Enum.Parse<Stage>(r.GetString(1)), r.GetString(2),
                Enum.Parse<Purpose>(r.GetString(3)), r.GetFieldValue<DateTimeOffset>(4),
                r.GetFieldValue<DateTimeOffset>(5), Enum.Parse<StageTaskStatus>(r.GetString(6)), r.GetDouble(7),
                r.GetDouble(8), r.GetDouble(9), r.GetDouble(10), r.GetBoolean(11));
        }
    }

    /// <param name="open">The open tasks; those opened in the period are the censored cases of Kaplan-Meier.</param>
    private async Task<Dictionary<(string Stage, string Body), TurnaroundTally>> TalliesAsync(
        StatisticsFilter filter, IReadOnlyList<OpenTask> open, CancellationToken cancellationToken)
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
        await using (var command = new NpgsqlCommand("""
            select stage, body, business_hist, calendar_hist, sum_business, sum_calendar, sum_applicant_wait, within_sla
            from turnaround_rollups
            where close_month between $1 and $2 and ($3::text is null or purpose = $3)
              and (cardinality($4::text[]) = 0 or body = any($4))
            """, connection))
        {
            command.Parameters.AddValues(filter.FromMonth, filter.ToMonth, filter.Purpose?.ToString(), filter.Bodies.ToArray());
            await using var r = await command.ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
            {
                var business = DurationHistogram.From(r.GetFieldValue<long[]>(2));
                var calendar = DurationHistogram.From(r.GetFieldValue<long[]>(3));
                var (sumBusiness, sumCalendar, sumWait, withinSla) = (r.GetDouble(4), r.GetDouble(5), r.GetDouble(6), r.GetInt64(7));
                AddToBoth(r.GetString(0), r.GetString(1),
                    t => t.AddCompleted(business, calendar, sumBusiness, sumCalendar, sumWait, withinSla));
            }
        }

        // Kaplan-Meier cohort: tasks opened in the period; completions are events, cancellations and open tasks censored.
        await using (var command = new NpgsqlCommand("""
            select stage, body, completed_hist, cancelled_hist from cohort_rollups
            where open_month between $1 and $2 and ($3::text is null or purpose = $3)
              and (cardinality($4::text[]) = 0 or body = any($4))
            """, connection))
        {
            command.Parameters.AddValues(filter.FromMonth, filter.ToMonth, filter.Purpose?.ToString(), filter.Bodies.ToArray());
            await using var r = await command.ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
            {
                var events = DurationHistogram.From(r.GetFieldValue<long[]>(2));
                var censored = DurationHistogram.From(r.GetFieldValue<long[]>(3));
                AddToBoth(r.GetString(0), r.GetString(1), t => t.AddCohort(events, censored));
            }
        }

        var now = clock.GetUtcNow();
        var (from, to) = (Start(filter.FromMonth), Start(filter.ToMonth.AddMonths(1)));
        foreach (var task in open.Where(o => o.OpenedTime >= from && o.OpenedTime < to))
        {
            AddToBoth(task.Stage.ToString(), task.Body, t => t.AddCensored(task.BodyBusinessDays(now)));
        }

        return tallies;
    }

    /// <summary>Open tasks (waiting on the body or paused on the applicant) with their timers.</summary>
    private async Task<List<OpenTask>> OpenTasksAsync(StatisticsFilter filter, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var found = new List<(Guid ApplicationId, Guid TaskId, Stage Stage, string Body, DateTimeOffset Opened)>();
        await using (var command = new NpgsqlCommand("""
            select t.application_id, t.id, t.stage, coalesce(t.data_source, t.organisation), t.opened_time
            from stage_tasks t join applications a on a.id = t.application_id
            where t.status in ('Open', 'Paused', 'ChangesRequested')
              and ($1::text is null or a.purpose = $1)
              and (cardinality($2::text[]) = 0 or coalesce(t.data_source, t.organisation) = any($2))
            """, connection))
        {
            command.Parameters.AddValues(filter.Purpose?.ToString(), filter.Bodies.ToArray());
            await using var r = await command.ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
            {
                found.Add((r.GetGuid(0), r.GetGuid(1), Enum.Parse<Stage>(r.GetString(2)), r.GetString(3),
                    r.GetFieldValue<DateTimeOffset>(4)));
            }
        }

        var loaded = (await timers.LoadForApplicationsAsync(connection, null,
                found.Select(f => f.ApplicationId).Distinct().ToList(), cancellationToken))
            .Where(t => t.TaskId is not null).ToDictionary(t => t.TaskId!.Value);
        return found.Select(f => new OpenTask(f.Stage, f.Body, f.Opened, loaded.GetValueOrDefault(f.TaskId))).ToList();
    }

    private static DateTimeOffset Start(DateOnly month) =>
        new DateTimeOffset(month.ToDateTime(TimeOnly.MinValue), WallClock.Oslo.GetUtcOffset(month.ToDateTime(TimeOnly.MinValue)))
            .ToUniversalTime();
}
