using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Domain.Statistics;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Persistence;

/// <summary>Writes the statistics facts and rollups, in the transaction of the change that produced them.</summary>
public sealed class StatisticsStore
{
    /// <summary>Months are Europe/Oslo calendar months.</summary>
    public static DateOnly MonthOf(DateTimeOffset time)
    {
        var local = TimeZoneInfo.ConvertTime(time, WallClock.Oslo);
        return new DateOnly(local.Year, local.Month, 1);
    }

    public async Task RecordAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<StatisticsChange> changes,
        CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            await (change switch
            {
                StatisticsChange.TaskClosed closed => RecordClosedTaskAsync(connection, transaction, closed.Interval, cancellationToken),
                StatisticsChange.Arrived arrived => RecordArrivalAsync(connection, transaction, arrived.Purpose, arrived.Time, cancellationToken),
                StatisticsChange.Finished finished => RecordCompletionAsync(connection, transaction, finished.Purpose,
                    finished.Time, finished.LeadCalendarDays, cancellationToken),
                _ => Task.CompletedTask,
            });
        }
    }

    private async Task RecordClosedTaskAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, StageInterval interval,
        CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        var fact = new NpgsqlBatchCommand("""
            insert into stage_intervals (task_id, stage, body, purpose, opened_time, closed_time, outcome,
                body_business_days, body_calendar_days, applicant_wait_business_days, applicant_wait_calendar_days,
                within_sla)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            on conflict (task_id) do nothing
            """);
        fact.Parameters.AddValues(interval.TaskId, interval.Stage.ToString(), interval.Body, interval.Purpose.ToString(),
            interval.OpenedTime, interval.ClosedTime, interval.Outcome.ToString(), interval.BodyBusinessDays,
            interval.BodyCalendarDays, interval.ApplicantWaitBusinessDays, interval.ApplicantWaitCalendarDays,
            interval.WithinSla);
        batch.BatchCommands.Add(fact);

        var businessBucket = DurationHistogram.BucketOf(interval.BodyBusinessDays);
        if (interval.IsCompleted)
        {
            var turnaround = new NpgsqlBatchCommand("""
                insert into turnaround_rollups (close_month, stage, body, purpose, business_hist, calendar_hist,
                    sum_business, sum_calendar, sum_applicant_wait, within_sla)
                values ($1, $2, $3, $4, dab_unit_histogram($5), dab_unit_histogram($6), $7, $8, $9, $10)
                on conflict (close_month, stage, body, purpose) do update set
                    business_hist[$5 + 1] = turnaround_rollups.business_hist[$5 + 1] + 1,
                    calendar_hist[$6 + 1] = turnaround_rollups.calendar_hist[$6 + 1] + 1,
                    sum_business = turnaround_rollups.sum_business + $7,
                    sum_calendar = turnaround_rollups.sum_calendar + $8,
                    sum_applicant_wait = turnaround_rollups.sum_applicant_wait + $9,
                    within_sla = turnaround_rollups.within_sla + $10
                """);
            turnaround.Parameters.AddValues(MonthOf(interval.ClosedTime!.Value), interval.Stage.ToString(), interval.Body,
                interval.Purpose.ToString(), businessBucket, DurationHistogram.BucketOf(interval.BodyCalendarDays),
                interval.BodyBusinessDays, interval.BodyCalendarDays, interval.ApplicantWaitBusinessDays,
                interval.WithinSla ? 1L : 0L);
            batch.BatchCommands.Add(turnaround);
        }

        var column = interval.IsCompleted ? "completed_hist" : "cancelled_hist";
        var other = interval.IsCompleted ? "cancelled_hist" : "completed_hist";
        var cohort = new NpgsqlBatchCommand($"""
            insert into cohort_rollups (open_month, stage, body, purpose, {column}, {other})
            values ($1, $2, $3, $4, dab_unit_histogram($5), array_fill(0::bigint, array[731]))
            on conflict (open_month, stage, body, purpose) do update set
                {column}[$5 + 1] = cohort_rollups.{column}[$5 + 1] + 1
            """);
        cohort.Parameters.AddValues(MonthOf(interval.OpenedTime), interval.Stage.ToString(), interval.Body,
            interval.Purpose.ToString(), businessBucket);
        batch.BatchCommands.Add(cohort);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task RecordArrivalAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Purpose purpose, DateTimeOffset submitted,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            insert into application_month_rollups (month, purpose, arrivals) values ($1, $2, 1)
            on conflict (month, purpose) do update set arrivals = application_month_rollups.arrivals + 1
            """, connection, transaction);
        command.Parameters.AddValues(MonthOf(submitted), purpose.ToString());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task RecordCompletionAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Purpose purpose, DateTimeOffset finished,
        double leadCalendarDays, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            insert into application_month_rollups (month, purpose, completions, lead_hist, sum_lead)
            values ($1, $2, 1, dab_unit_histogram($3), $4)
            on conflict (month, purpose) do update set
                completions = application_month_rollups.completions + 1,
                lead_hist[$3 + 1] = application_month_rollups.lead_hist[$3 + 1] + 1,
                sum_lead = application_month_rollups.sum_lead + $4
            """, connection, transaction);
        command.Parameters.AddValues(MonthOf(finished), purpose.ToString(), DurationHistogram.BucketOf(leadCalendarDays),
            leadCalendarDays);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
