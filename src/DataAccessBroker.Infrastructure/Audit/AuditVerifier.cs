using DataAccessBroker.Domain.Applications;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Audit;

/// <summary>What the verification found: how much it checked and the first broken link, if any.</summary>
public sealed record AuditReport(long Events, long Applications, BrokenLink? FirstBrokenLink);

/// <param name="Problem">"ALTERED": the event differs from what was hashed; "MISSING": an event was removed.</param>
public sealed record BrokenLink(Guid Application, int Sequence, string Problem)
{
    public override string ToString() =>
        $"{ResourceNames.Application(Application)}, event {Sequence}: {Problem.ToLowerInvariant()}";
}

/// <summary>
/// Recomputes the hash chain of every application's history (migration 0009 says how each hash is made) and reports
/// the first link that does not hold: an event whose stored hash is not that of its content and its predecessor's
/// hash, a gap in the sequence, or fewer events than the application counts. Read-only; one pass over the history.
/// Also tells whether the broker's own database role could change what it verifies.
/// </summary>
public sealed class AuditVerifier(NpgsqlDataSource dataSource)
{
    public async Task<AuditReport> VerifyAsync(CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            "select (select count(*) from application_events), (select count(*) from applications)"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            with chained as (
                select application_id, sequence, hash,
                       sha256(coalesce(lag(hash) over w, '\x'::bytea) || application_event_content(e)) as expected,
                       row_number() over w as position
                from application_events e
                window w as (partition by application_id order by sequence))
            select application_id, sequence, problem from (
                select application_id, sequence::integer,
                       case when sequence <> position then 'MISSING' else 'ALTERED' end as problem
                from chained where hash <> expected or sequence <> position
                union all
                select a.id, a.event_count + 0, 'MISSING' from applications a
                where a.event_count <> (select count(*) from application_events e where e.application_id = a.id)
            ) broken
            order by application_id, sequence limit 1
            """));
        await using var r = await batch.ExecuteReaderAsync(cancellationToken);
        await r.ReadAsync(cancellationToken);
        var (events, applications) = (r.GetInt64(0), r.GetInt64(1));
        await r.NextResultAsync(cancellationToken);
        var broken = await r.ReadAsync(cancellationToken)
            ? new BrokenLink(r.GetGuid(0), r.GetInt32(1), r.GetString(2))
            : null;
        return new AuditReport(events, applications, broken);
    }

    /// <summary>What the broker's own role could do to the history beyond reading and appending.</summary>
    public async Task<HistoryWriteAccess> HistoryWriteAccessAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            select current_user::text, array_remove(array[
                       case when r.rolsuper then 'SUPERUSER' end,
                       case when pg_has_role(c.relowner, 'MEMBER') then 'OWNER' end,
                       case when has_table_privilege(c.oid, 'UPDATE') then 'UPDATE' end,
                       case when has_table_privilege(c.oid, 'DELETE') then 'DELETE' end,
                       case when has_table_privilege(c.oid, 'TRUNCATE') then 'TRUNCATE' end], null)
            from pg_class c, pg_roles r
            where c.oid = 'application_events'::regclass and r.rolname = current_user
            """);
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        await r.ReadAsync(cancellationToken);
        return new HistoryWriteAccess(r.GetString(0), r.GetFieldValue<string[]>(1));
    }
}
