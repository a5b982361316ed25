using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Infrastructure.Persistence;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Statistics;

/// <summary>
/// Reads the open-work rollups, plus the deltas not yet folded into them, with their ages worked out in PostgreSQL,
/// so only aggregates cross the wire: a row's age is <c>carried_half_days / 2 + ordinal(today) − ordinal(clock_day)</c>
/// in business days, as <see cref="Domain.Statistics.OpenTaskAge"/> defines it, with the ordinals of
/// <c>business_calendar</c>. One statement reads both, so a fold running meanwhile cannot make a task count twice or
/// not at all.
/// </summary>
internal static class OpenWorkQueries
{
    private const string Ages = """
        with today as (select ordinal from business_calendar where day = $1),
        open as (
            select r.stage, r.body, r.purpose, r.open_month, r.breached, r.clock_day is null as paused, r.tasks,
                   -- in double precision: numeric arithmetic on every row costs more than the rest of the query
                   r.carried_half_days * 0.5::double precision + coalesce((select ordinal from today) - c.ordinal, 0) as age
            from (select stage, body, purpose, open_month, clock_day, carried_half_days, breached, tasks
                  from open_task_rollups
                  union all
                  select d.stage, d.body, p.purpose, d.open_month, d.clock_day, d.carried_half_days, d.breached, d.change
                  from open_task_deltas d cross join lateral (values (d.purpose), ('')) p(purpose)) r
            left join business_calendar c on c.day = r.clock_day
            where ($2::text is null or r.purpose = $2) and (cardinality($3::text[]) = 0 or r.body = any($3))
              and (not $4 or r.open_month between $5 and $6))
        """;

    /// <summary>Open tasks per stage, body and purpose (one purpose, or every purpose row when null) by age bucket.</summary>
    public static async Task<List<(Stage Stage, string Body, string Purpose, BacklogCount Count)>> BacklogAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, DateOnly today, string? purpose,
        IReadOnlyList<string> bodies, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            {Ages}
            select stage, body, purpose, width_bucket(age, $7::double precision[]), breached, paused, sum(tasks)::bigint
            from open group by 1, 2, 3, 4, 5, 6 having sum(tasks) <> 0
            """, connection, transaction);
        command.Parameters.AddValues(today, purpose, bodies.ToArray(), false, today, today,
            BacklogGroup.AgeBuckets.Select(b => b.UpTo).Where(double.IsFinite).ToArray());
        var rows = new List<(Stage, string, string, BacklogCount)>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            rows.Add((Enum.Parse<Stage>(r.GetString(0)), r.GetString(1), r.GetString(2),
                new BacklogCount(r.GetInt32(3), r.GetBoolean(4), r.GetBoolean(5), r.GetInt64(6))));
        }

        return rows;
    }

    /// <summary>
    /// The tasks opened in the months given that are still open, per purpose (never the all-purposes rows) and month
    /// opened, by the age they have reached.
    /// </summary>
    public static async Task<List<(Stage Stage, string Body, string Purpose, DateOnly OpenMonth, double BusinessDays, long Tasks)>> CensoredAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, DateOnly today, DateOnly fromMonth,
        DateOnly toMonth, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            {Ages}
            select stage, body, purpose, open_month, age, sum(tasks)::bigint from open
            where purpose <> ''
            group by 1, 2, 3, 4, 5 having sum(tasks) <> 0
            """, connection, transaction);
        command.Parameters.AddValues(today, null, Array.Empty<string>(), true, fromMonth, toMonth);
        var rows = new List<(Stage, string, string, DateOnly, double, long)>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            rows.Add((Enum.Parse<Stage>(r.GetString(0)), r.GetString(1), r.GetString(2), r.GetFieldValue<DateOnly>(3),
                r.GetDouble(4), r.GetInt64(5)));
        }

        return rows;
    }
}
