using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Domain.Statistics;
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

    /// <summary>
    /// Writes every changed timer with its derived milestone times, its open-work age and its pauses: two statements,
    /// however many timers. A trigger keeps <c>open_task_rollups</c> in step with what is written here.
    /// </summary>
    public async Task SaveAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<SlaTimer> timers,
        SlaThresholds thresholds, CancellationToken cancellationToken)
    {
        var changed = timers.Where(t => t.Changed).Select(t => (Timer: t, Age: OpenTaskAge.Of(t))).ToList();
        if (changed.Count == 0) return;

        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new ColumnArrays<(SlaTimer Timer, OpenTaskAge? Age)>(changed)
            .Column(c => c.Timer.Id).Column(c => c.Timer.ApplicationId).Column(c => c.Timer.Subject.ToString())
            .Column(c => c.Timer.TaskId).Column(c => c.Timer.WaitingOn).Column(c => c.Timer.Allowance.Kind.ToString())
            .Column(c => Microseconds(c.Timer.Allowance.Amount)).Column(c => c.Timer.StartTime)
            .Column(c => Microseconds(c.Timer.Consumed)).Column(c => c.Timer.RunningSince).Column(c => c.Timer.ClosedTime)
            .Column(c => c.Timer.DueTime(SlaMilestone.Reminder, thresholds))
            .Column(c => c.Timer.DueTime(SlaMilestone.Breach, thresholds))
            .Column(c => c.Timer.DueTime(SlaMilestone.Escalation, thresholds))
            .Column(c => c.Age?.ClockDay).Column(c => c.Age?.CarriedHalfDays ?? 0)
            .Column(c => c.Timer.Fired.Contains(SlaMilestone.Breach))
            .Command("""
                insert into sla_timers (id, application_id, subject, task_id, waiting_on, clock, allowance_us,
                    start_time, consumed_us, running_since, closed_time, reminder_time, breach_time, escalation_time,
                    body_clock_day, body_carried_half_days, breached)
                select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::text[],
                    $7::bigint[], $8::timestamptz[], $9::bigint[], $10::timestamptz[], $11::timestamptz[],
                    $12::timestamptz[], $13::timestamptz[], $14::timestamptz[], $15::date[], $16::integer[],
                    $17::boolean[])
                on conflict (id) do update set consumed_us = excluded.consumed_us,
                    running_since = excluded.running_since, closed_time = excluded.closed_time,
                    reminder_time = excluded.reminder_time, breach_time = excluded.breach_time,
                    escalation_time = excluded.escalation_time, body_clock_day = excluded.body_clock_day,
                    body_carried_half_days = excluded.body_carried_half_days, breached = excluded.breached
                """));

        var pauses = changed.SelectMany(c => c.Timer.Pauses.Select(p => (TimerId: c.Timer.Id, Pause: p))).ToList();
        if (pauses.Count > 0)
        {
            batch.BatchCommands.Add(new ColumnArrays<(Guid TimerId, SlaPause Pause)>(pauses)
                .Column(p => p.TimerId).Column(p => p.Pause.PausedTime).Column(p => p.Pause.ResumedTime)
                .Command("""
                    insert into sla_timer_pauses (timer_id, paused_time, resumed_time)
                    select * from unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[])
                    on conflict (timer_id, paused_time) do update set resumed_time = excluded.resumed_time
                    """));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Records milestones with their notifications. A milestone recorded already is refused by the key, and so is its
    /// notification: each is sent once.
    /// </summary>
    /// <returns>How many were recorded now.</returns>
    public async Task<int> RecordFiringsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<SlaNotification> firings,
        CancellationToken cancellationToken)
    {
        if (firings.Count == 0) return 0;
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new ColumnArrays<SlaNotification>(firings)
            .Column(f => f.TimerId).Column(f => f.Milestone.ToString()).Column(f => f.DueTime).Column(f => f.FiredTime)
            .Column(f => f.ApplicationId).Column(f => f.TaskId).Column(f => $"Sla{f.Milestone}").Column(f => f.Recipient)
            .Column(f => f.Message)
            .Command("""
                with firing as (
                    select * from unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::uuid[],
                        $6::uuid[], $7::text[], $8::text[], $9::text[])
                        as f(timer_id, milestone, due_time, fired_time, application_id, task_id, kind, recipient, message)),
                recorded as (
                    insert into sla_firings (timer_id, milestone, due_time, fired_time)
                    select timer_id, milestone, due_time, fired_time from firing
                    on conflict do nothing
                    returning timer_id, milestone)
                insert into notifications (application_id, task_id, kind, recipient, message, create_time)
                select f.application_id, f.task_id, f.kind, f.recipient, f.message, f.fired_time
                from firing f join recorded r using (timer_id, milestone)
                """));
        return await batch.ExecuteNonQueryAsync(cancellationToken);
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
