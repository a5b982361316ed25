using DataAccessBroker.Domain.Access;
using DataAccessBroker.Domain.Applications;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Persistence;

/// <summary>
/// The application tables: applications, their stage tasks and their append-only events. Reading and writing the
/// aggregate happen in batches that <see cref="ApplicationStore"/> composes with the timer and statistics tables, so
/// a change costs one round trip to read and one to write however many tables it touches.
/// </summary>
internal static class ApplicationRepository
{
    /// <summary>
    /// The applications with these ids; <paramref name="forUpdate"/> locks their rows, so concurrent commands on one
    /// application run one after another and each sees the other's result. Rows are locked in id order (the lock
    /// follows the sort), as by every writer, so two writers never wait on each other in a circle.
    /// </summary>
    public static NpgsqlBatchCommand SelectApplications(Guid[] ids, bool forUpdate) =>
        ParameterValues.Statement($"select {ApplicationRowMapper.ApplicationColumns} from applications a where a.id = any($1)" +
                (forUpdate ? " order by a.id for update" : ""), ids);

    /// <summary>
    /// Up to <paramref name="limit"/> applications with an SLA milestone due by <paramref name="now"/>, earliest due
    /// first, locked; rows another transaction holds are skipped (that transaction settles their milestones itself).
    /// </summary>
    public static NpgsqlBatchCommand SelectDueForUpdate(DateTimeOffset now, int limit) =>
        ParameterValues.Statement($"""
            select {ApplicationRowMapper.ApplicationColumns} from applications a
            where a.id in (select t.application_id from sla_timers t where t.due_time <= $1 order by t.due_time limit $2)
            for update of a skip locked
            """, now, limit);

    public static NpgsqlBatchCommand SelectTasks(Guid[] applicationIds) =>
        ParameterValues.Statement($"select {ApplicationRowMapper.TaskColumns} from stage_tasks t where t.application_id = any($1) " +
                "order by t.opened_time, t.id", applicationIds);

    public static async Task<List<(Guid Id, Func<IEnumerable<StageTask>, DataAccessApplication> Build)>> ReadApplicationsAsync(
        NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var rows = new List<(Guid, Func<IEnumerable<StageTask>, DataAccessApplication>)>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add(ApplicationRowMapper.ReadApplication(reader));
        return rows;
    }

    public static async Task<ILookup<Guid, StageTask>> ReadTasksAsync(
        NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var tasks = new List<(Guid ApplicationId, StageTask Task)>();
        while (await reader.ReadAsync(cancellationToken)) tasks.Add(ApplicationRowMapper.ReadTask(reader));
        return tasks.ToLookup(t => t.ApplicationId, t => t.Task);
    }

    /// <summary>The ids of the applications the caller may see (the SQL twin of <see cref="ApplicationAccess.CanSee"/>), newest first.</summary>
    public static async Task<Page<(Guid Id, DateTimeOffset CreateTime)>> ListVisibleAsync(
        NpgsqlConnection connection, Caller caller, int pageSize, PageCursor? after, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            select a.id, a.create_time from applications a
            where ($1
                   or ($2 and a.owner_subject = $3)
                   or (a.state <> 'Draft' and (
                         $4
                      or ($5 and exists (select 1 from stage_tasks t where t.application_id = a.id
                                         and t.stage = 'RekReview' and t.organisation = $6))
                      or ($7 and exists (select 1 from jsonb_each_text(a.source_organisations) o
                                         where o.value = $6)))))
              and ($8::timestamptz is null or (a.create_time, a.id) < ($8, $9))
            order by a.create_time desc, a.id desc
            limit $10
            """, connection);
        command.Parameters.AddValues(
            caller.IsIn(Roles.Admin), caller.IsIn(Roles.Applicant), caller.Subject, caller.IsIn(Roles.HdsCaseOfficer),
            caller.IsIn(Roles.RekReviewer), caller.Organisation, caller.IsIn(Roles.DataOwner),
            (object?)after?.Time ?? DBNull.Value, (object?)after?.Id ?? DBNull.Value, pageSize + 1);
        var items = new List<(Guid, DateTimeOffset)>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken)) items.Add((r.GetGuid(0), r.GetFieldValue<DateTimeOffset>(1)));
        return Page.From(items, pageSize, i => new PageCursor(i.Item2, i.Item1));
    }

    /// <summary>
    /// Writes every changed application with its tasks and new events: three or four statements, however many. New
    /// and edited applications are written whole; the others only in their workflow columns.
    /// </summary>
    public static IEnumerable<NpgsqlBatchCommand> SaveCommands(IReadOnlyCollection<DataAccessApplication> applications)
    {
        var changed = applications.Where(a => a.NewEvents.Count > 0).ToList();
        if (changed.Count == 0) yield break;

        var whole = changed.Where(a => a.DetailsChanged).ToList();
        if (whole.Count > 0)
        {
            yield return ApplicationRowMapper.ApplicationRows(whole).Command("""
                insert into applications (id, owner_subject, state, return_stage, version, event_count, title, summary,
                    purpose, project_start, project_end, pi_name, pi_email, pi_institution, rek_committee,
                    rek_reference, data_sources, legal_basis, sources_linked, source_organisations, create_time,
                    update_time, submit_time, source_nodes, origin_node, origin_application)
                select id, owner_subject, state, return_stage, version, event_count, title, summary, purpose,
                    project_start, project_end, pi_name, pi_email, pi_institution, rek_committee, rek_reference,
                    data_sources::jsonb, legal_basis, sources_linked, source_organisations::jsonb, create_time,
                    update_time, submit_time, source_nodes::jsonb, origin_node, origin_application
                from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::integer[], $6::integer[], $7::text[],
                    $8::text[], $9::text[], $10::date[], $11::date[], $12::text[], $13::text[], $14::text[],
                    $15::text[], $16::text[], $17::text[], $18::text[], $19::boolean[], $20::text[],
                    $21::timestamptz[], $22::timestamptz[], $23::timestamptz[], $24::text[], $25::text[], $26::uuid[])
                    as u(id, owner_subject, state, return_stage, version, event_count, title, summary, purpose,
                         project_start, project_end, pi_name, pi_email, pi_institution, rek_committee, rek_reference,
                         data_sources, legal_basis, sources_linked, source_organisations, create_time, update_time,
                         submit_time, source_nodes, origin_node, origin_application)
                on conflict (id) do update set state = excluded.state, return_stage = excluded.return_stage,
                    version = excluded.version, event_count = excluded.event_count, title = excluded.title,
                    summary = excluded.summary, purpose = excluded.purpose, project_start = excluded.project_start,
                    project_end = excluded.project_end, pi_name = excluded.pi_name, pi_email = excluded.pi_email,
                    pi_institution = excluded.pi_institution, rek_committee = excluded.rek_committee,
                    rek_reference = excluded.rek_reference, data_sources = excluded.data_sources,
                    legal_basis = excluded.legal_basis, sources_linked = excluded.sources_linked,
                    source_organisations = excluded.source_organisations, update_time = excluded.update_time,
                    submit_time = excluded.submit_time, source_nodes = excluded.source_nodes
                """);
        }

        var moved = changed.Where(a => !a.DetailsChanged).ToList();
        if (moved.Count > 0)
        {
            yield return new ColumnArrays<DataAccessApplication>(moved)
                .Column(a => a.Id).Column(a => a.State.ToString()).Column(a => a.ReturnStage?.ToString())
                .Column(a => a.Version).Column(a => a.StoredEventCount + a.NewEvents.Count)
                .Column(a => ApplicationRowMapper.SourceOrganisationsJson(a)).Column(a => a.UpdateTime)
                .Column(a => a.SubmitTime).Column(a => ApplicationRowMapper.SourceNodesJson(a))
                .Command("""
                    update applications a set state = u.state, return_stage = u.return_stage, version = u.version,
                        event_count = u.event_count, source_organisations = u.source_organisations::jsonb,
                        update_time = u.update_time, submit_time = u.submit_time,
                        source_nodes = u.source_nodes::jsonb
                    from unnest($1::uuid[], $2::text[], $3::text[], $4::integer[], $5::integer[], $6::text[],
                        $7::timestamptz[], $8::timestamptz[], $9::text[])
                        as u(id, state, return_stage, version, event_count, source_organisations, update_time,
                             submit_time, source_nodes)
                    where a.id = u.id
                    """);
        }

        // Only the tasks that opened or moved: rewriting unchanged rows would cost a row version and WAL each.
        var tasks = changed.SelectMany(a => a.Tasks.Where(t => t.Changed).Select(task => (ApplicationId: a.Id, Task: task)))
            .ToList();
        if (tasks.Count > 0)
        {
            yield return new ColumnArrays<(Guid ApplicationId, StageTask Task)>(tasks)
                .Column(t => t.Task.Id).Column(t => t.ApplicationId).Column(t => t.Task.Stage.ToString())
                .Column(t => t.Task.Organisation).Column(t => t.Task.DataSource).Column(t => t.Task.Status.ToString())
                .Column(t => t.Task.Version).Column(t => t.Task.OpenedTime).Column(t => t.Task.ClosedTime)
                .Column(t => t.Task.DecidedBy).Column(t => t.Task.Comment).Column(t => t.Task.Conditions)
                .Column(t => t.Task.Node)
                .Command("""
                    insert into stage_tasks (id, application_id, stage, organisation, data_source, status, version,
                        opened_time, closed_time, decided_by, comment, conditions, node)
                    select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[],
                        $7::integer[], $8::timestamptz[], $9::timestamptz[], $10::text[], $11::text[], $12::text[],
                        $13::text[])
                    on conflict (id) do update set status = excluded.status, version = excluded.version,
                        closed_time = excluded.closed_time, decided_by = excluded.decided_by,
                        comment = excluded.comment, conditions = excluded.conditions
                    """);
        }

        yield return new ColumnArrays<ApplicationEvent>(changed.SelectMany(a => a.NewEvents).ToList())
            .Column(e => e.ApplicationId).Column(e => e.Sequence).Column(e => e.Action.ToString())
            .Column(e => e.FromState.ToString()).Column(e => e.ToState.ToString()).Column(e => e.Actor.Subject)
            .Column(e => e.Actor.Name).Column(e => e.Actor.Role).Column(e => e.Actor.Organisation)
            .Column(e => e.TaskId).Column(e => e.Comment).Column(e => e.OccurredTime)
            .Command("""
                insert into application_events (application_id, sequence, action, from_state, to_state,
                    actor_subject, actor_name, actor_role, actor_organisation, task_id, comment, occur_time)
                select * from unnest($1::uuid[], $2::integer[], $3::text[], $4::text[], $5::text[], $6::text[],
                    $7::text[], $8::text[], $9::text[], $10::uuid[], $11::text[], $12::timestamptz[])
                """);
    }

    public static async Task<Page<ApplicationEvent>> ListEventsAsync(
        NpgsqlConnection connection, Guid applicationId, int pageSize, int afterSequence,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            select sequence, action, from_state, to_state, actor_subject, actor_name, actor_role, actor_organisation,
                   task_id, comment, occur_time
            from application_events where application_id = $1 and sequence > $2
            order by sequence limit $3
            """, connection);
        command.Parameters.AddValues(applicationId, afterSequence, pageSize + 1);
        var events = new List<ApplicationEvent>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            events.Add(new ApplicationEvent(
                applicationId, r.GetInt32(0), Enum.Parse<ApplicationAction>(r.GetString(1)),
                Enum.Parse<ApplicationState>(r.GetString(2)), Enum.Parse<ApplicationState>(r.GetString(3)),
                new Actor(r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7)),
                r.IsDBNull(8) ? null : r.GetGuid(8), r.IsDBNull(9) ? null : r.GetString(9),
                r.GetFieldValue<DateTimeOffset>(10)));
        }

        return Page.From(events, pageSize, e => new PageCursor(e.OccurredTime, Guid.Empty, e.Sequence));
    }

    /// <summary>
    /// The open tasks of the caller's queue, most urgent first: by deadline (the breach time of the task's SLA timer,
    /// whether or not the breach has fired), then by the time the clock started.
    /// </summary>
    public static async Task<Page<(Guid ApplicationId, Guid TaskId, DateTimeOffset Urgency)>> ListQueuedTasksAsync(
        NpgsqlConnection connection, Caller caller, TaskQueueFilter filter, int pageSize, PageCursor? after,
        CancellationToken cancellationToken)
    {
        // A stage task's timer has the task's id. Overdue is the test StageTask.overdue makes: a running clock's
        // deadline has passed.
        await using var command = new NpgsqlCommand("""
            select t.application_id, t.id, coalesce(s.deadline_time, s.running_since, t.opened_time) as urgency
            from stage_tasks t
            left join sla_timers s on s.id = t.id
            where t.status = any($9)
              and ($1
                   or ($2 and t.stage = 'RekReview' and t.organisation = $5)
                   or ($3 and t.stage in ('DataOwnerReview', 'DataDelivery') and t.organisation = $5)
                   or ($4 and t.stage = 'HdsDecision'))
              and (not $10 or s.deadline_time < $11)
              and ($6::timestamptz is null or (coalesce(s.deadline_time, s.running_since, t.opened_time), t.id) > ($6, $7))
            order by urgency, t.id
            limit $8
            """, connection);
        command.Parameters.AddValues(caller.IsIn(Roles.Admin), caller.IsIn(Roles.RekReviewer),
            caller.IsIn(Roles.DataOwner), caller.IsIn(Roles.HdsCaseOfficer), caller.Organisation,
            (object?)after?.Time ?? DBNull.Value, (object?)after?.Id ?? DBNull.Value, pageSize + 1,
            filter.States.Select(state => state.ToString()).ToArray(), filter.OverdueOnly, filter.Now);
        var keys = new List<(Guid, Guid, DateTimeOffset)>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken)) keys.Add((r.GetGuid(0), r.GetGuid(1), r.GetFieldValue<DateTimeOffset>(2)));
        return Page.From(keys, pageSize, k => new PageCursor(k.Item3, k.Item2));
    }
}
