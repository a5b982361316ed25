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

    /// <returns>How many pending rows this pass folded; 0 when none were pending or another folder holds the lock.</returns>
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
                    select stage, body, purpose, open_month, clock_day, carried_half_days, breached, sum(change)
                    from taken group by 1, 2, 3, 4, 5, 6, 7 having sum(change) <> 0 order by 1, 2, 3, 4, 5, 6, 7
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

        await using (var add = new NpgsqlBatch(connection, transaction))
        {
            foreach (var row in RollupRows.ClosedWorkOf(intervals)) add.BatchCommands.Add(ClosedWorkUpsert(row));
            foreach (var row in RollupRows.CohortsOf(intervals)) add.BatchCommands.Add(CohortUpsert(row));
            foreach (var row in RollupRows.ApplicationMonthsOf(months)) add.BatchCommands.Add(ApplicationMonthUpsert(row));
            // Open work that netted to zero leaves no row behind: the table stays as small as the open work.
            if (openWorkMoves > 0) add.BatchCommands.Add(new NpgsqlBatchCommand("delete from open_task_rollups where tasks = 0"));
            if (add.BatchCommands.Count > 0) await add.ExecuteNonQueryAsync(cancellationToken);
        }

        return intervals.Count + months.Count + (int)openWorkMoves;
    }

    private static NpgsqlBatchCommand ClosedWorkUpsert(RollupRows.ClosedWork row) => ParameterValues.Statement("""
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
        """, row.Month, row.Stage, row.Body, row.Purpose, row.Tally.BusinessDays.Counts.ToArray(),
        row.Tally.CalendarDays.Counts.ToArray(), row.Tally.SumBusinessDays, row.Tally.SumCalendarDays,
        row.Tally.SumApplicantWaitBusinessDays, row.Tally.WithinSla);

    private static NpgsqlBatchCommand CohortUpsert(RollupRows.Cohort row) => ParameterValues.Statement("""
        insert into cohort_rollups (open_month, stage, body, purpose, completed_hist, cancelled_hist)
        values ($1, $2, $3, $4, $5, $6)
        on conflict (open_month, stage, body, purpose) do update set
            completed_hist = dab_histogram_add(cohort_rollups.completed_hist, excluded.completed_hist),
            cancelled_hist = dab_histogram_add(cohort_rollups.cancelled_hist, excluded.cancelled_hist)
        """, row.Month, row.Stage, row.Body, row.Purpose, row.Completed.Counts.ToArray(), row.Cancelled.Counts.ToArray());

    private static NpgsqlBatchCommand ApplicationMonthUpsert(RollupRows.ApplicationMonth row) => ParameterValues.Statement("""
        insert into application_month_rollups (month, purpose, arrivals, completions, lead_hist, sum_lead)
        values ($1, $2, $3, $4, $5, $6)
        on conflict (month, purpose) do update set
            arrivals = application_month_rollups.arrivals + excluded.arrivals,
            completions = application_month_rollups.completions + excluded.completions,
            lead_hist = dab_histogram_add(application_month_rollups.lead_hist, excluded.lead_hist),
            sum_lead = application_month_rollups.sum_lead + excluded.sum_lead
        """, row.Month, row.Purpose, row.Arrivals, row.Lead.Count, row.Lead.Counts.ToArray(), row.SumLead);
}
