using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Infrastructure.Persistence;
using Hangfire;
using Hangfire.Storage;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Operations;

/// <summary>
/// What an admin watches: the SLA milestones on record, the notification outbox, and Hangfire's jobs and servers with
/// the firing backlog. Reads only; every list is keyset-paged newest first on an index (migrations 0002 and 0012).
/// </summary>
public sealed class OperationsQueries(NpgsqlDataSource dataSource, JobStorage jobs, TimeProvider clock)
{
    /// <summary>The milestones on record, newest recording first; all milestones when <paramref name="milestone"/> is null.</summary>
    public async Task<Page<RecordedFiring>> ListFiringsAsync(
        SlaMilestone? milestone, int pageSize, PageCursor? after, CancellationToken cancellationToken)
    {
        // Conditions only where they apply: a literal row comparison is what PostgreSQL turns into the bounds of an
        // index scan of sla_firings_by_fired_time ("$n is null or …" would make it a filter over every row skipped).
        var conditions = new List<string>();
        var values = new List<object?>();
        if (milestone is { } only)
        {
            values.Add(only.ToString());
            conditions.Add($"f.milestone = ${values.Count}");
        }

        if (after is not null)
        {
            values.AddRange([after.Time.ToUniversalTime(), after.Id, ((SlaMilestone)after.Sequence).ToString()]);
            conditions.Add($"(f.fired_time, f.timer_id, f.milestone) < (${values.Count - 2}, ${values.Count - 1}, ${values.Count})");
        }

        values.Add(pageSize + 1);
        await using var command = dataSource.CreateCommand($"""
            select f.timer_id, t.application_id, a.title, t.task_id, s.stage, s.organisation, f.milestone, f.due_time,
                   f.fired_time
            from sla_firings f
            join sla_timers t on t.id = f.timer_id
            join applications a on a.id = t.application_id
            left join stage_tasks s on s.id = t.task_id
            {(conditions.Count == 0 ? "" : "where " + string.Join(" and ", conditions))}
            order by f.fired_time desc, f.timer_id desc, f.milestone desc
            limit ${values.Count}
            """);
        command.Parameters.AddValues([.. values]);
        var firings = new List<RecordedFiring>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            firings.Add(new RecordedFiring(
                r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetGuid(3),
                r.IsDBNull(4) ? null : Enum.Parse<Stage>(r.GetString(4)), r.IsDBNull(5) ? null : r.GetString(5),
                Enum.Parse<SlaMilestone>(r.GetString(6)), r.GetFieldValue<DateTimeOffset>(7),
                r.GetFieldValue<DateTimeOffset>(8)));
        }

        return Page.From(firings, pageSize, f => new PageCursor(f.FiredTime, f.TimerId, (int)f.Milestone));
    }

    /// <summary>The outbox, last queued first, with the count of all notifications not yet sent.</summary>
    public async Task<(Page<QueuedNotification> Page, long Unsent)> ListNotificationsAsync(
        bool unsentOnly, int pageSize, PageCursor? after, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        // Conditions only where they apply: only a literal "sent_time is null" lets the planner use the partial
        // index of the unsent (notifications_unsent), and "id < $2" bounds the scan of the key.
        var conditions = new List<string>();
        if (unsentOnly) conditions.Add("sent_time is null");
        if (after is not null) conditions.Add("id < $2");
        batch.BatchCommands.Add(ParameterValues.Statement($"""
            select id, application_id, task_id, kind, recipient, message, create_time, sent_time
            from notifications
            {(conditions.Count == 0 ? "" : "where " + string.Join(" and ", conditions))}
            order by id desc
            limit $1
            """, after is null ? [pageSize + 1] : [pageSize + 1, after.Position]));
        batch.BatchCommands.Add(UnsentCount());
        var notifications = new List<QueuedNotification>();
        await using var r = await batch.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            notifications.Add(new QueuedNotification(
                r.GetInt64(0), r.GetGuid(1), r.IsDBNull(2) ? null : r.GetGuid(2), r.GetString(3), r.GetString(4),
                r.GetString(5), r.GetFieldValue<DateTimeOffset>(6),
                r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7)));
        }

        await r.NextResultAsync(cancellationToken);
        await r.ReadAsync(cancellationToken);
        var unsent = r.GetInt64(0);
        return (Page.From(notifications, pageSize, n => new PageCursor(n.CreateTime, Guid.Empty, Position: n.Id)), unsent);
    }

    /// <summary>
    /// Hangfire's recurring jobs, servers and counts (from its monitoring API on the broker's own job storage), and
    /// the timers with a milestone due now and not recorded (the firing backlog) and the unsent notifications.
    /// </summary>
    public async Task<JobStatus> GetJobStatusAsync(CancellationToken cancellationToken)
    {
        long overdue, unsent;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            overdue = await SlaTimerRepository.CountDueAsync(connection, clock.GetStoredUtcNow(), cancellationToken);
            await using var command = new NpgsqlCommand(UnsentCount().CommandText, connection);
            unsent = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        // Hangfire's storage API is synchronous and takes no cancellation token: a few small reads of its own schema.
        cancellationToken.ThrowIfCancellationRequested();
        List<RecurringJobDto> recurring;
        using (var storage = jobs.GetConnection()) recurring = storage.GetRecurringJobs();
        var monitoring = jobs.GetMonitoringApi();
        var servers = monitoring.Servers();
        var counts = monitoring.GetStatistics();
        return new JobStatus(
            recurring.OrderBy(j => j.Id, StringComparer.Ordinal).Select(j => new RecurringJobState(
                j.Id, j.Cron ?? "", j.TimeZoneId, Utc(j.LastExecution), j.LastJobState, Utc(j.NextExecution),
                j.Error ?? j.LoadException?.Message)).ToList(),
            servers.OrderBy(s => s.Name, StringComparer.Ordinal).Select(s => new JobServerState(
                s.Name, s.WorkersCount, s.Queues?.ToList() ?? [], Utc(s.StartedAt), Utc(s.Heartbeat))).ToList(),
            counts.Enqueued, counts.Scheduled, counts.Processing, counts.Succeeded, counts.Failed, overdue, unsent);
    }

    private static NpgsqlBatchCommand UnsentCount() => new("select count(*) from notifications where sent_time is null");

    /// <summary>Hangfire's times are UTC, whatever their kind says.</summary>
    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    private static DateTimeOffset? Utc(DateTime? time) => time is { } t ? Utc(t) : null;
}
