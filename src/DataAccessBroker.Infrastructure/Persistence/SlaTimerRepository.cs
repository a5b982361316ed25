using DataAccessBroker.Domain.Sla;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Persistence;

/// <summary>Stores SLA timers, their pauses, firings and the notifications they produce.</summary>
public sealed class SlaTimerRepository
{
    private const string Columns = """
        t.id, t.application_id, t.subject, t.task_id, t.waiting_on, t.clock, t.allowance_us, t.start_time,
        t.consumed_us, t.running_since, t.closed_time,
        coalesce((select array_agg(f.milestone) from sla_firings f where f.timer_id = t.id), '{}')
        """;

    public async Task<List<SlaTimer>> LoadForApplicationsAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyCollection<Guid> applicationIds,
        CancellationToken cancellationToken)
    {
        if (applicationIds.Count == 0) return [];
        var rows = new List<SlaTimer>();
        await using (var command = new NpgsqlCommand(
            $"select {Columns} from sla_timers t where t.application_id = any($1) order by t.start_time, t.id",
            connection, transaction))
        {
            command.Parameters.AddValues(applicationIds.ToArray());
            await using var r = await command.ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken)) rows.Add(Read(r));
        }

        var pauses = new List<(Guid TimerId, SlaPause Pause)>();
        await using (var command = new NpgsqlCommand("""
            select p.timer_id, p.paused_time, p.resumed_time from sla_timer_pauses p
            join sla_timers t on t.id = p.timer_id where t.application_id = any($1) order by p.paused_time
            """, connection, transaction))
        {
            command.Parameters.AddValues(applicationIds.ToArray());
            await using var r = await command.ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
            {
                pauses.Add((r.GetGuid(0), new SlaPause(r.GetFieldValue<DateTimeOffset>(1),
                    r.IsDBNull(2) ? null : r.GetFieldValue<DateTimeOffset>(2))));
            }
        }

        var byTimer = pauses.ToLookup(p => p.TimerId, p => p.Pause);
        return rows.Select(timer => WithPauses(timer, byTimer[timer.Id])).ToList();
    }

    /// <summary>Hangfire job ids of the timers, so rescheduling can delete what is no longer wanted.</summary>
    public async Task<Dictionary<Guid, string[]>> JobIdsAsync(
        NpgsqlConnection connection, IReadOnlyCollection<Guid> timerIds, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "select id, job_ids from sla_timers where id = any($1)", connection);
        command.Parameters.AddValues(timerIds.ToArray());
        var jobs = new Dictionary<Guid, string[]>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken)) jobs[r.GetGuid(0)] = r.GetFieldValue<string[]>(1);
        return jobs;
    }

    public async Task SetJobIdsAsync(
        NpgsqlConnection connection, Guid timerId, string[] jobIds, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("update sla_timers set job_ids = $2 where id = $1", connection);
        command.Parameters.AddValues(timerId, jobIds);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Writes every changed timer with its derived milestone times and its pauses.</summary>
    public async Task SaveAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<SlaTimer> timers,
        SlaThresholds thresholds, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var t in timers.Where(t => t.Changed))
        {
            var upsert = new NpgsqlBatchCommand("""
                insert into sla_timers (id, application_id, subject, task_id, waiting_on, clock, allowance_us,
                    start_time, consumed_us, running_since, closed_time, reminder_time, breach_time, escalation_time)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                on conflict (id) do update set consumed_us = excluded.consumed_us,
                    running_since = excluded.running_since, closed_time = excluded.closed_time,
                    reminder_time = excluded.reminder_time, breach_time = excluded.breach_time,
                    escalation_time = excluded.escalation_time
                """);
            upsert.Parameters.AddValues(t.Id, t.ApplicationId, t.Subject.ToString(), t.TaskId, t.WaitingOn,
                t.Allowance.Kind.ToString(), Microseconds(t.Allowance.Amount), t.StartTime, Microseconds(t.Consumed),
                t.RunningSince, t.ClosedTime, t.DueTime(SlaMilestone.Reminder, thresholds),
                t.DueTime(SlaMilestone.Breach, thresholds), t.DueTime(SlaMilestone.Escalation, thresholds));
            batch.BatchCommands.Add(upsert);
            foreach (var pause in t.Pauses)
            {
                var row = new NpgsqlBatchCommand("""
                    insert into sla_timer_pauses (timer_id, paused_time, resumed_time) values ($1, $2, $3)
                    on conflict (timer_id, paused_time) do update set resumed_time = excluded.resumed_time
                    """);
                row.Parameters.AddValues(t.Id, pause.PausedTime, pause.ResumedTime);
                batch.BatchCommands.Add(row);
            }
        }

        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <returns>False when the milestone was recorded already: the key refuses a second one.</returns>
    public async Task<bool> TryRecordFiringAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, SlaNotification firing,
        CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        var record = new NpgsqlBatchCommand("""
            insert into sla_firings (timer_id, milestone, due_time, fired_time) values ($1, $2, $3, $4)
            on conflict do nothing
            """);
        record.Parameters.AddValues(firing.TimerId, firing.Milestone.ToString(), firing.DueTime, firing.FiredTime);
        var notify = new NpgsqlBatchCommand("""
            insert into notifications (application_id, task_id, kind, recipient, message, create_time)
            values ($1, $2, $3, $4, $5, $6)
            """);
        notify.Parameters.AddValues(firing.ApplicationId, firing.TaskId, $"Sla{firing.Milestone}", firing.Recipient,
            firing.Message, firing.FiredTime);
        batch.BatchCommands.Add(record);
        batch.BatchCommands.Add(notify);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return record.RecordsAffected == 1;
    }

    /// <summary>Milestones whose time has come and that have not fired: what the sweeper must do.</summary>
    public async Task<List<(Guid ApplicationId, Guid TimerId, SlaMilestone Milestone)>> DueAsync(
        NpgsqlConnection connection, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            select application_id, id, 'Reminder' from sla_timers where reminder_time <= $1
            union all
            select application_id, id, 'Breach' from sla_timers where breach_time <= $1
            union all
            select application_id, id, 'Escalation' from sla_timers where escalation_time <= $1
            limit $2
            """, connection);
        command.Parameters.AddValues(now, limit);
        var due = new List<(Guid, Guid, SlaMilestone)>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            due.Add((r.GetGuid(0), r.GetGuid(1), Enum.Parse<SlaMilestone>(r.GetString(2))));
        }

        return due;
    }

    private static SlaTimer Read(NpgsqlDataReader r) =>
        SlaTimer.Restore(
            r.GetGuid(0), r.GetGuid(1), Enum.Parse<SlaTimerSubject>(r.GetString(2)), r.IsDBNull(3) ? null : r.GetGuid(3),
            r.GetString(4), new SlaAllowance(Enum.Parse<SlaClockKind>(r.GetString(5)), FromMicroseconds(r.GetInt64(6))),
            r.GetFieldValue<DateTimeOffset>(7), FromMicroseconds(r.GetInt64(8)),
            r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9),
            r.IsDBNull(10) ? null : r.GetFieldValue<DateTimeOffset>(10), [],
            r.GetFieldValue<string[]>(11).Select(Enum.Parse<SlaMilestone>));

    private static SlaTimer WithPauses(SlaTimer t, IEnumerable<SlaPause> pauses) =>
        SlaTimer.Restore(t.Id, t.ApplicationId, t.Subject, t.TaskId, t.WaitingOn, t.Allowance, t.StartTime, t.Consumed,
            t.RunningSince, t.ClosedTime, pauses, t.Fired);

    private static long Microseconds(TimeSpan span) => span.Ticks / TimeSpan.TicksPerMicrosecond;

    private static TimeSpan FromMicroseconds(long microseconds) => TimeSpan.FromTicks(microseconds * TimeSpan.TicksPerMicrosecond);
}
