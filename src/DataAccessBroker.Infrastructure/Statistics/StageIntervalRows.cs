using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Statistics;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Statistics;

/// <summary>Reads <c>stage_intervals</c> rows selected with <see cref="Columns"/> (alias <c>i</c>).</summary>
internal static class StageIntervalRows
{
    public const string Columns = """
        i.task_id, i.stage, i.body, i.purpose, i.opened_time, i.closed_time, i.outcome, i.body_business_days,
        i.body_calendar_days, i.applicant_wait_business_days, i.applicant_wait_calendar_days, i.within_sla
        """;

    public static StageInterval Read(NpgsqlDataReader r) =>
        new(r.GetGuid(0), Enum.Parse<Stage>(r.GetString(1)), r.GetString(2), Enum.Parse<Purpose>(r.GetString(3)),
            r.GetFieldValue<DateTimeOffset>(4), r.GetFieldValue<DateTimeOffset>(5),
            Enum.Parse<StageTaskStatus>(r.GetString(6)), r.GetDouble(7), r.GetDouble(8), r.GetDouble(9),
            r.GetDouble(10), r.GetBoolean(11));

    public static async Task<List<StageInterval>> ReadAllAsync(NpgsqlDataReader r, CancellationToken cancellationToken)
    {
        var intervals = new List<StageInterval>();
        while (await r.ReadAsync(cancellationToken)) intervals.Add(Read(r));
        return intervals;
    }
}
