using DataAccessBroker.Domain.Federation;
using DataAccessBroker.Infrastructure.Persistence;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Federation;

/// <summary>
/// The messages a change sends to other nodes, written in the change's own transaction: a message exists if and only
/// if its change committed. Each continues its stream (peer, application at its home node) with the next sequence
/// number; the application's row lock, held by the change, keeps two writers of one stream apart. The same statement
/// notifies <see cref="Channel"/>.
/// </summary>
internal static class NodeOutbox
{
    /// <summary>
    /// Notified when messages are written, as the transaction commits: the dispatchers of every broker of the node
    /// wake at once instead of at their next pass.
    /// </summary>
    public const string Channel = "node_outbox";

    public static NpgsqlBatchCommand? Insert(IReadOnlyCollection<(Guid HomeApplication, FederationMessage Message)> messages, DateTimeOffset now)
    {
        if (messages.Count == 0) return null;
        var rows = messages.Select((m, ordinal) => (m.HomeApplication, m.Message, Ordinal: ordinal)).ToList();
        return new ColumnArrays<(Guid HomeApplication, FederationMessage Message, int Ordinal)>(rows)
            .Column(r => r.Message.Destination).Column(r => r.HomeApplication).Column(r => r.Ordinal)
            .Column(_ => Guid.CreateVersion7(now)).Column(r => FederationMessageJson.KindOf(r.Message))
            .Column(r => FederationMessageJson.Serialize(r.Message)).Column(_ => now)
            .Command($"""
                with inserted as (
                insert into node_outbox (peer, home_application, sequence, message_id, kind, payload, create_time,
                    next_attempt_time)
                select u.peer, u.home_application,
                       coalesce((select max(o.sequence) from node_outbox o
                                 where o.peer = u.peer and o.home_application = u.home_application), 0)
                       + row_number() over (partition by u.peer, u.home_application order by u.ordinal),
                       u.message_id, u.kind, u.payload::jsonb, u.create_time, u.create_time
                from unnest($1::text[], $2::uuid[], $3::integer[], $4::uuid[], $5::text[], $6::text[],
                    $7::timestamptz[]) as u(peer, home_application, ordinal, message_id, kind, payload, create_time)
                returning 1)
                select pg_notify('{Channel}', '') from (select count(*) from inserted) as written
                """);
    }
}
