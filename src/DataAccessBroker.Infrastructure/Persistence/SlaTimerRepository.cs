using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Domain.Statistics;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Persistence;

/// <summary>
/// The SLA tables: timers, their pauses, the milestones on record and the notifications they produce. Commands and
/// readers that <see cref="ApplicationStore"/> puts into the batches of a change.
/// </summary>
internal static class SlaTimerRepository
{
    /// <summary>
    /// The timers of the applications, each with the milestones on record (kept on the row) and its pauses (looked
    /// up only for a timer that has any: most never pause).
    /// </summary>
    public static NpgsqlBatchCommand SelectTimers(Guid[] applicationIds) => ParameterValues.Statement("""
        select t.id, t.application_id, t.subject, t.task_id, t.waiting_on, t.clock, t.allowance_us, t.start_time,
               t.consumed_us, t.running_since, t.closed_time, t.fired_milestones,
               t.body_clock_day, t.body_carried_half_days, t.breached, t.due_time,
               case when t.pause_count > 0 then (select array_agg(p.paused_time order by p.paused_time)
                                                  from sla_timer_pauses p where p.timer_id = t.id) end,
               case when t.pause_count > 0 then (select array_agg(p.resumed_time order by p.paused_time)
                                                  from sla_timer_pauses p where p.timer_id = t.id) end
        from sla_timers t where t.application_id = any($1) order by t.start_time, t.id
        """, applicationIds);

    /// <returns>Each timer with what the open-work rollups count for it and its due time as stored.</returns>
    public static async Task<List<StoredTimer>> ReadTimersAsync(NpgsqlDataReader r, CancellationToken cancellationToken)
    {
        var timers = new List<StoredTimer>();
        while (await r.ReadAsync(cancellationToken))
        {
            var pauses = r.IsDBNull(16)
                ? []
                : r.GetFieldValue<DateTimeOffset[]>(16)
                    .Zip(r.GetFieldValue<DateTimeOffset?[]>(17), (paused, resumed) => new SlaPause(paused, resumed));
            var timer = SlaTimer.Restore(
                r.GetGuid(0), r.GetGuid(1), Enum.Parse<SlaTimerSubject>(r.GetString(2)),
                r.IsDBNull(3) ? null : r.GetGuid(3), r.GetString(4),
                new SlaAllowance(Enum.Parse<SlaClockKind>(r.GetString(5)), FromMicroseconds(r.GetInt64(6))),
                r.GetFieldValue<DateTimeOffset>(7), FromMicroseconds(r.GetInt64(8)),
                r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9),
                r.IsDBNull(10) ? null : r.GetFieldValue<DateTimeOffset>(10), pauses,
                r.GetString(11).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<SlaMilestone>));
            // The rollups count an open stage-task timer under the key stored with it (see SaveCommands).
            OpenWorkCount? counted = timer is { Subject: SlaTimerSubject.StageTask, IsClosed: false }
                ? new OpenWorkCount(
                    new OpenTaskAge(r.IsDBNull(12) ? null : r.GetFieldValue<DateOnly>(12), r.GetInt32(13)),
                    r.GetBoolean(14))
                : null;
            timers.Add(new StoredTimer(timer, counted, r.IsDBNull(15) ? null : r.GetFieldValue<DateTimeOffset>(15)));
        }

        return timers;
    }

    /// <summary>The due time as stored: the next milestone's, rounded up to the microsecond.</summary>
    public static DateTimeOffset? DueTime(SlaTimer timer, SlaThresholds thresholds) =>
        StoredTime.CeilingToStored(timer.NextDue(thresholds)?.Due);

    /// <summary>
    /// Writes the timers with their due time (the next milestone not on record: what the firing process reads, by
    /// index), their deadline, the key under which the open-work rollups count them, and their pauses: two
    /// statements, however many timers.
    /// </summary>
    public static IEnumerable<NpgsqlBatchCommand> SaveCommands(IEnumerable<SlaTimer> timers, SlaThresholds thresholds)
    {
        var changed = timers.Select(t => (Timer: t, Count: OpenWorkCount.Of(t))).ToList();
        if (changed.Count == 0) yield break;

        yield return new ColumnArrays<(SlaTimer Timer, OpenWorkCount? Count)>(changed)
            .Column(c => c.Timer.Id).Column(c => c.Timer.ApplicationId).Column(c => c.Timer.Subject.ToString())
            .Column(c => c.Timer.TaskId).Column(c => c.Timer.WaitingOn).Column(c => c.Timer.Allowance.Kind.ToString())
            .Column(c => Microseconds(c.Timer.Allowance.Amount)).Column(c => c.Timer.StartTime)
            .Column(c => Microseconds(c.Timer.Consumed)).Column(c => c.Timer.RunningSince).Column(c => c.Timer.ClosedTime)
            .Column(c => DueTime(c.Timer, thresholds)).Column(c => c.Timer.Deadline)
            .Column(c => c.Count?.Age.ClockDay).Column(c => c.Count?.Age.CarriedHalfDays ?? 0)
            .Column(c => c.Timer.Fired.Contains(SlaMilestone.Breach))
            .Column(c => string.Join(',', c.Timer.Fired.Order())).Column(c => c.Timer.Pauses.Count)
            .Command("""
                insert into sla_timers (id, application_id, subject, task_id, waiting_on, clock, allowance_us,
                    start_time, consumed_us, running_since, closed_time, due_time, deadline_time, body_clock_day,
                    body_carried_half_days, breached, fired_milestones, pause_count)
                select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::text[],
                    $7::bigint[], $8::timestamptz[], $9::bigint[], $10::timestamptz[], $11::timestamptz[],
                    $12::timestamptz[], $13::timestamptz[], $14::date[], $15::integer[], $16::boolean[],
                    $17::text[], $18::integer[])
                on conflict (id) do update set consumed_us = excluded.consumed_us,
                    running_since = excluded.running_since, closed_time = excluded.closed_time,
                    due_time = excluded.due_time, deadline_time = excluded.deadline_time,
                    body_clock_day = excluded.body_clock_day,
                    body_carried_half_days = excluded.body_carried_half_days, breached = excluded.breached,
                    fired_milestones = excluded.fired_milestones, pause_count = excluded.pause_count
                """);

        var pauses = changed.SelectMany(c => c.Timer.Pauses.Select(p => (TimerId: c.Timer.Id, Pause: p))).ToList();
        if (pauses.Count > 0)
        {
            yield return new ColumnArrays<(Guid TimerId, SlaPause Pause)>(pauses)
                .Column(p => p.TimerId).Column(p => p.Pause.PausedTime).Column(p => p.Pause.ResumedTime)
                .Command("""
                    insert into sla_timer_pauses (timer_id, paused_time, resumed_time)
                    select * from unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[])
                    on conflict (timer_id, paused_time) do update set resumed_time = excluded.resumed_time
                    """);
        }
    }

    /// <summary>
    /// Records milestones with their notifications. The key (timer, milestone) refuses a second record of the same
    /// milestone: that would be a bug, and it fails the whole change rather than send a notification twice.
    /// </summary>
    public static NpgsqlBatchCommand? FiringCommand(IReadOnlyCollection<SlaNotification> firings) =>
        firings.Count == 0
            ? null
            : new ColumnArrays<SlaNotification>(firings)
                .Column(f => f.TimerId).Column(f => f.Milestone.ToString()).Column(f => f.DueTime).Column(f => f.FiredTime)
                .Column(f => f.ApplicationId).Column(f => f.TaskId).Column(f => $"Sla{f.Milestone}")
                .Column(f => f.Recipient).Column(f => f.Message)
                .Command("""
                    with firing as (
                        select * from unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::uuid[],
                            $6::uuid[], $7::text[], $8::text[], $9::text[])
                            as f(timer_id, milestone, due_time, fired_time, application_id, task_id, kind, recipient, message)),
                    recorded as (
                        insert into sla_firings (timer_id, milestone, due_time, fired_time)
                        select timer_id, milestone, due_time, fired_time from firing)
                    insert into notifications (application_id, task_id, kind, recipient, message, create_time)
                    select application_id, task_id, kind, recipient, message, fired_time from firing
                    """);

    /// <summary>How many timers have a milestone due by <paramref name="now"/> and not on record: the firing backlog.</summary>
    public static async Task<long> CountDueAsync(
        NpgsqlConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select count(*) from sla_timers where due_time <= $1", connection);
        command.Parameters.AddValues(now);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }


    private static long Microseconds(TimeSpan span) => span.Ticks / TimeSpan.TicksPerMicrosecond;

    private static TimeSpan FromMicroseconds(long microseconds) => TimeSpan.FromTicks(microseconds * TimeSpan.TicksPerMicrosecond);
}
