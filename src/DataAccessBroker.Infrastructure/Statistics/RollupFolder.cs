using DataAccessBroker.Domain.Statistics;
using DataAccessBroker.Infrastructure.Persistence;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Statistics;

/// <summary>
/// Adds what transitions appended (closed stage intervals, arrivals and completions, open-work moves) to the rollups,
/// in batches, oldest first. Each pass is one transaction in which pending rows leave their tables as their counts
/// enter the rollups, so a query that reads rollups plus pending rows in one snapshot is exact at any moment. One
/// folder works at a time across all brokers on the database, under a transaction-scoped advisory lock (released by
/// PostgreSQL when a crashed holder's connection goes); the others skip their pass. Rollup rows are written in key
/// order, so a folder never waits on another writer in a circle.
/// </summary>
public sealed class RollupFolder(NpgsqlDataSource dataSource)
{
    /// <summary>Pending rows of each kind one pass takes at most.</summary>
    public const int BatchSize = 5000;

    // Any constant unique to this application; pg_advisory_lock keys are database-wide.
    private const long AdvisoryLockKey = 0x44414232; // "DAB2"

    /// <returns>
    /// How many pending rows this pass folded (0 when none were pending or another folder holds the lock); a full
    /// batch (<see cref="BatchSize"/> or more) means more may be waiting.
    /// </returns>
    public async Task<int> FoldAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var folded = await FoldAsync(connection, transaction, waitForLock: false, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return folded;
    }

    /// <summary>Folds everything pending in the caller's transaction: the bulk loader folds what it wrote before committing.</summary>
    internal static async Task FoldAllAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        while (await FoldAsync(connection, transaction, waitForLock: true, cancellationToken) > 0)
        {
        }
    }

    private static async Task<int> FoldAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, bool waitForLock, CancellationToken cancellationToken)
    {
        await using (var lockCommand = new NpgsqlCommand(waitForLock
                         ? $"select true from pg_advisory_xact_lock({AdvisoryLockKey})"
                         : $"select pg_try_advisory_xact_lock({AdvisoryLockKey})", connection, transaction))
        {
            if (!(bool)(await lockCommand.ExecuteScalarAsync(cancellationToken))!) return 0;
        }

        List<Domain.Statistics.StageInterval> intervals;
        var months = new List<RollupRows.MonthDelta>();
        long openWorkMoves;
        await using (var take = new NpgsqlBatch(connection, transaction))
        {
            take.BatchCommands.Add(ParameterValues.Statement($"""
                with taken as (
                    delete from stage_intervals_unfolded where task_id in
                        (select task_id from stage_intervals_unfolded limit $1 for update skip locked)
                    returning task_id)
                select {StageIntervalRows.Columns} from stage_intervals i join taken using (task_id)
                """, BatchSize));
            take.BatchCommands.Add(ParameterValues.Statement("""
                delete from application_month_deltas where id in
                    (select id from application_month_deltas order by id limit $1 for update skip locked)
                returning month, purpose, arrivals, lead_days
                """, BatchSize));
            take.BatchCommands.Add(ParameterValues.Statement("""
                with taken as (
                    delete from open_task_deltas where id in
                        (select id from open_task_deltas order by id limit $1 for update skip locked)
                    returning stage, body, purpose, open_month, clock_day, carried_half_days, breached, change),
                added as (
                    insert into open_task_rollups as r
                        (stage, body, purpose, open_month, clock_day, carried_half_days, breached, tasks)
                    select stage, body, p.purpose, open_month, clock_day, carried_half_days, breached, sum(change)
                    from taken cross join lateral (values (taken.purpose), ('')) p(purpose) -- '' counts every purpose
                    group by 1, 2, 3, 4, 5, 6, 7 having sum(change) <> 0 order by 1, 2, 3, 4, 5, 6, 7
                    on conflict (stage, body, purpose, open_month, clock_day, carried_half_days, breached)
                        do update set tasks = r.tasks + excluded.tasks)
                select count(*) from taken
                """, BatchSize));
            await using var r = await take.ExecuteReaderAsync(cancellationToken);
            intervals = await StageIntervalRows.ReadAllAsync(r, cancellationToken);
            await r.NextResultAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
            {
                months.Add(new RollupRows.MonthDelta(r.GetFieldValue<DateOnly>(0), r.GetString(1), r.GetInt32(2),
                    r.IsDBNull(3) ? null : r.GetDouble(3)));
            }

            await r.NextResultAsync(cancellationToken);
            await r.ReadAsync(cancellationToken);
            openWorkMoves = r.GetInt64(0);
        }

        var closedWork = RollupRows.ClosedWorkOf(intervals).ToList();
        var cohorts = RollupRows.CohortsOf(intervals).ToList();
        var applicationMonths = RollupRows.ApplicationMonthsOf(months).ToList();
        // The stored rows are added in here rather than in SQL: adding two 731-bucket arrays element by element in
        // PostgreSQL costs about a third of a millisecond, and folding did that many times a second. Only one folder
        // runs at a time (the advisory lock), so the rows read cannot change before they are written back.
        if (closedWork.Count + cohorts.Count + applicationMonths.Count > 0)
        {
            applicationMonths = await AddStoredAsync(connection, transaction, closedWork, cohorts, applicationMonths,
                cancellationToken);
        }

        await using (var write = new NpgsqlBatch(connection, transaction))
        {
            foreach (var row in closedWork) write.BatchCommands.Add(ClosedWorkUpsert(row));
            foreach (var row in cohorts) write.BatchCommands.Add(CohortUpsert(row));
            foreach (var row in applicationMonths) write.BatchCommands.Add(ApplicationMonthUpsert(row));
            // Open work that netted to zero leaves no row behind: the table stays as small as the open work.
            if (openWorkMoves > 0) write.BatchCommands.Add(new NpgsqlBatchCommand("delete from open_task_rollups where tasks = 0"));
            if (write.BatchCommands.Count > 0) await write.ExecuteNonQueryAsync(cancellationToken);
        }

        return Math.Max(Math.Max(intervals.Count, months.Count), (int)openWorkMoves);
    }

    /// <summary>Adds the stored rows with the same keys to the new ones: one round trip for the three rollups.</summary>
    /// <returns>The application-month rows with their stored counts added (they are records, so new ones).</returns>
    private static async Task<List<RollupRows.ApplicationMonth>> AddStoredAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<RollupRows.ClosedWork> closedWork,
        List<RollupRows.Cohort> cohorts, List<RollupRows.ApplicationMonth> applicationMonths,
        CancellationToken cancellationToken)
    {
        await using var read = new NpgsqlBatch(connection, transaction);
        read.BatchCommands.Add(ParameterValues.Statement("""
            select close_month, stage, body, purpose, business_hist, calendar_hist, sum_business, sum_calendar,
                   sum_applicant_wait, within_sla
            from turnaround_rollups
            where (close_month, stage, body, purpose) in (select * from unnest($1::date[], $2::text[], $3::text[], $4::text[]))
            """, closedWork.Select(r => r.Month).ToArray(), closedWork.Select(r => r.Stage).ToArray(),
            closedWork.Select(r => r.Body).ToArray(), closedWork.Select(r => r.Purpose).ToArray()));
        read.BatchCommands.Add(ParameterValues.Statement("""
            select open_month, stage, body, purpose, completed_hist, cancelled_hist from cohort_rollups
            where (open_month, stage, body, purpose) in (select * from unnest($1::date[], $2::text[], $3::text[], $4::text[]))
            """, cohorts.Select(r => r.Month).ToArray(), cohorts.Select(r => r.Stage).ToArray(),
            cohorts.Select(r => r.Body).ToArray(), cohorts.Select(r => r.Purpose).ToArray()));
        read.BatchCommands.Add(ParameterValues.Statement("""
            select month, purpose, arrivals, lead_hist, sum_lead from application_month_rollups
            where (month, purpose) in (select * from unnest($1::date[], $2::text[]))
            """, applicationMonths.Select(r => r.Month).ToArray(), applicationMonths.Select(r => r.Purpose).ToArray()));
        await using var r = await read.ExecuteReaderAsync(cancellationToken);

        var closedByKey = closedWork.ToDictionary(w => (w.Month, w.Stage, w.Body, w.Purpose));
        while (await r.ReadAsync(cancellationToken))
        {
            closedByKey[(r.GetFieldValue<DateOnly>(0), r.GetString(1), r.GetString(2), r.GetString(3))].Tally.AddCompleted(
                DurationHistogram.From(r.GetFieldValue<long[]>(4)), DurationHistogram.From(r.GetFieldValue<long[]>(5)),
                r.GetDouble(6), r.GetDouble(7), r.GetDouble(8), r.GetInt64(9));
        }

        await r.NextResultAsync(cancellationToken);
        var cohortsByKey = cohorts.ToDictionary(c => (c.Month, c.Stage, c.Body, c.Purpose));
        while (await r.ReadAsync(cancellationToken))
        {
            var cohort = cohortsByKey[(r.GetFieldValue<DateOnly>(0), r.GetString(1), r.GetString(2), r.GetString(3))];
            cohort.Completed.Add(DurationHistogram.From(r.GetFieldValue<long[]>(4)));
            cohort.Cancelled.Add(DurationHistogram.From(r.GetFieldValue<long[]>(5)));
        }

        await r.NextResultAsync(cancellationToken);
        var monthsByKey = applicationMonths.ToDictionary(m => (m.Month, m.Purpose));
        while (await r.ReadAsync(cancellationToken))
        {
            var key = (r.GetFieldValue<DateOnly>(0), r.GetString(1));
            var month = monthsByKey[key];
            month.Lead.Add(DurationHistogram.From(r.GetFieldValue<long[]>(3)));
            monthsByKey[key] = month with { Arrivals = month.Arrivals + r.GetInt64(2), SumLead = month.SumLead + r.GetDouble(4) };
        }

        return monthsByKey.Values.ToList();
    }

    private static NpgsqlBatchCommand ClosedWorkUpsert(RollupRows.ClosedWork row) => ParameterValues.Statement("""
        insert into turnaround_rollups (close_month, stage, body, purpose, business_hist, calendar_hist,
            sum_business, sum_calendar, sum_applicant_wait, within_sla)
        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
        on conflict (close_month, stage, body, purpose) do update set business_hist = excluded.business_hist,
            calendar_hist = excluded.calendar_hist, sum_business = excluded.sum_business,
            sum_calendar = excluded.sum_calendar, sum_applicant_wait = excluded.sum_applicant_wait,
            within_sla = excluded.within_sla
        """, row.Month, row.Stage, row.Body, row.Purpose, row.Tally.BusinessDays.Counts.ToArray(),
        row.Tally.CalendarDays.Counts.ToArray(), row.Tally.SumBusinessDays, row.Tally.SumCalendarDays,
        row.Tally.SumApplicantWaitBusinessDays, row.Tally.WithinSla);

    private static NpgsqlBatchCommand CohortUpsert(RollupRows.Cohort row) => ParameterValues.Statement("""
        insert into cohort_rollups (open_month, stage, body, purpose, completed_hist, cancelled_hist)
        values ($1, $2, $3, $4, $5, $6)
        on conflict (open_month, stage, body, purpose) do update set completed_hist = excluded.completed_hist,
            cancelled_hist = excluded.cancelled_hist
        """, row.Month, row.Stage, row.Body, row.Purpose, row.Completed.Counts.ToArray(), row.Cancelled.Counts.ToArray());

    private static NpgsqlBatchCommand ApplicationMonthUpsert(RollupRows.ApplicationMonth row) => ParameterValues.Statement("""
        insert into application_month_rollups (month, purpose, arrivals, completions, lead_hist, sum_lead)
        values ($1, $2, $3, $4, $5, $6)
        on conflict (month, purpose) do update set arrivals = excluded.arrivals, completions = excluded.completions,
            lead_hist = excluded.lead_hist, sum_lead = excluded.sum_lead
        """, row.Month, row.Purpose, row.Arrivals, row.Lead.Count, row.Lead.Counts.ToArray(), row.SumLead);
}
