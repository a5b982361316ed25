using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Infrastructure.Persistence;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Statistics;

/// <summary>
/// The backlog as it stood at the end of each day, so an analyst can ask for a past day. A recurring job takes it
/// just after midnight (Europe/Oslo) from the open-work rollups, with ages as of that midnight: a bounded number of
/// rows per day (stage × body × purpose × age bucket × overdue × paused). Days the broker was not running at midnight
/// have no snapshot and are reported as not found rather than guessed.
/// </summary>
public sealed class BacklogSnapshots(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public const string RecurringJobId = "backlog-snapshot";
    /// <summary>Five past midnight, Oslo time.</summary>
    public const string Cron = "5 0 * * *";

    /// <summary>Keeps the backlog of the day that has just ended; a second run for the same day changes nothing.</summary>
    /// <returns>The day kept.</returns>
    public async Task<DateOnly> TakeAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetStoredUtcNow();
        var today = WallClock.OsloDayOf(now);
        var day = today.AddDays(-1);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var counts = await OpenWorkQueries.BacklogAsync(connection, transaction, today, purpose: null, bodies: [],
            cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var taken = new NpgsqlBatchCommand(
            "insert into backlog_snapshot_days (day, taken_time) values ($1, $2) on conflict do nothing");
        taken.Parameters.AddValues(day, now);
        batch.BatchCommands.Add(taken);
        // Only the run that recorded the day writes its rows: a later run would describe a later backlog.
        batch.BatchCommands.Add(new ColumnArrays<(Stage Stage, string Body, string Purpose, BacklogCount Count)>(counts)
            .Column(c => c.Stage.ToString()).Column(c => c.Body).Column(c => c.Purpose).Column(c => c.Count.AgeBucket)
            .Column(c => c.Count.Overdue).Column(c => c.Count.PausedOnApplicant).Column(c => c.Count.Tasks)
            .Column(_ => day).Column(_ => now)
            .Command("""
                insert into backlog_snapshots (day, stage, body, purpose, age_bucket, overdue, paused, tasks)
                select u.day, u.stage, u.body, u.purpose, u.age_bucket, u.overdue, u.paused, u.tasks
                from unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::boolean[], $6::boolean[],
                    $7::bigint[], $8::date[], $9::timestamptz[])
                    as u(stage, body, purpose, age_bucket, overdue, paused, tasks, day, taken_time)
                join backlog_snapshot_days d on d.day = u.day and d.taken_time = u.taken_time
                """));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return day;
    }

    /// <returns>
    /// The counts kept for the day (every body, each purpose and all purposes together) and when they were taken;
    /// null when no snapshot was taken that day.
    /// </returns>
    public async Task<(DateTimeOffset TakenTime, List<(Stage Stage, string Body, string Purpose, BacklogCount Count)> Counts)?> ReadAsync(
        DateOnly day, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        var taken = new NpgsqlBatchCommand("select taken_time from backlog_snapshot_days where day = $1");
        taken.Parameters.AddValues(day);
        var counts = new NpgsqlBatchCommand("""
            select stage, body, purpose, age_bucket, overdue, paused, tasks from backlog_snapshots where day = $1
            """);
        counts.Parameters.AddValues(day);
        batch.BatchCommands.Add(taken);
        batch.BatchCommands.Add(counts);
        await using var r = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await r.ReadAsync(cancellationToken)) return null;
        var takenTime = r.GetFieldValue<DateTimeOffset>(0);
        await r.NextResultAsync(cancellationToken);
        var rows = new List<(Stage, string, string, BacklogCount)>();
        while (await r.ReadAsync(cancellationToken))
        {
            rows.Add((Enum.Parse<Stage>(r.GetString(0)), r.GetString(1), r.GetString(2),
                new BacklogCount(r.GetInt32(3), r.GetBoolean(4), r.GetBoolean(5), r.GetInt64(6))));
        }

        return (takenTime, rows);
    }
}
