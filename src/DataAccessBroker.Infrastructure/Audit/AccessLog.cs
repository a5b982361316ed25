using DataAccessBroker.Domain.Access;
using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Errors;
using DataAccessBroker.Infrastructure.Persistence;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Audit;

/// <summary>
/// Who read which application's content, when, and through which RPC (migration 0010; Normen expects access logging
/// of health information systems). A read records its row before its answer leaves, on the connection it read with:
/// one statement, and only when someone other than the applicant reads. A row that cannot be written fails the read
/// (fail closed). The runtime role may read and append the log, never change it.
/// </summary>
public sealed class AccessLog(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Records that the caller was given the content of these applications through <paramref name="read"/>: one row per
    /// application of which the caller is not the applicant, in one statement; nothing when there is none.
    /// </summary>
    /// <exception cref="AccessNotRecordedException">The row could not be written (the database answering).</exception>
    public static async Task RecordAsync(
        NpgsqlConnection connection, Caller caller, string read, IEnumerable<DataAccessApplication> applications,
        CancellationToken cancellationToken)
    {
        var logged = applications.Where(a => !ApplicationAccess.IsApplicant(caller, a)).Select(a => a.Id).ToArray();
        if (logged.Length == 0) return;
        await using var command = new NpgsqlCommand("""
            insert into application_access (application_id, actor_subject, actor_name, actor_organisation, actor_roles, read)
            select unnest($1::uuid[]), $2, $3, $4, $5, $6
            """, connection);
        command.Parameters.AddValues(logged, caller.Subject, caller.Name, caller.Organisation,
            caller.Roles.Order(StringComparer.Ordinal).ToArray(), read);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (NpgsqlException e) when (!DatabaseOutage.Is(e) && !cancellationToken.IsCancellationRequested)
        {
            throw new AccessNotRecordedException(e);
        }
    }

    /// <summary>An application's reads, oldest first.</summary>
    /// <exception cref="NotFoundException">There is no such application.</exception>
    public async Task<Page<AccessRecord>> ListAsync(
        Guid applicationId, int pageSize, PageCursor? after, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var records = new List<AccessRecord>();
        await using (var command = new NpgsqlCommand("""
            select id, actor_subject, actor_name, actor_organisation, actor_roles, read, read_time
            from application_access
            where application_id = $1 and ($2::timestamptz is null or (read_time, id) > ($2, $3))
            order by read_time, id limit $4
            """, connection))
        {
            command.Parameters.AddValues(
                applicationId, (object?)after?.Time ?? DBNull.Value, after?.Position ?? 0, pageSize + 1);
            await using var r = await command.ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
            {
                records.Add(new AccessRecord(r.GetInt64(0), applicationId, r.GetString(1), r.GetString(2), r.GetString(3),
                    r.GetFieldValue<string[]>(4), r.GetString(5), r.GetFieldValue<DateTimeOffset>(6)));
            }
        }

        // An empty first page is either an application nobody else has read or none at all.
        if (records.Count == 0 && after is null)
        {
            await using var exists = new NpgsqlCommand("select exists (select 1 from applications where id = $1)", connection);
            exists.Parameters.AddValues(applicationId);
            if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
            {
                throw new NotFoundException(ResourceNames.Application(applicationId));
            }
        }

        return Page.From(records, pageSize, a => new PageCursor(a.ReadTime, Guid.Empty, Position: a.Id));
    }
}
