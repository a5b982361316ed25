using DataAccessBroker.Infrastructure.Persistence;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Federation;

/// <summary>The admin's view of the peers: reachability, messages waiting and failing, catalog freshness; and a retry.</summary>
public sealed class FederationStatus(
    NpgsqlDataSource dataSource, CatalogRepository catalogs, FederationOptions federation, TimeProvider clock)
{
    public async Task<IReadOnlyList<PeerLink>> ListPeersAsync(CancellationToken cancellationToken)
    {
        var mirrors = (await catalogs.ListMirrorsAsync(cancellationToken)).ToDictionary(m => m.Node);
        await using var command = dataSource.CreateCommand("""
            select p.code, f.last_success_time, f.last_failure_time, f.last_error,
                   (select count(*) from node_outbox o where o.peer = p.code and o.sent_time is null),
                   (select min(o.create_time) from node_outbox o where o.peer = p.code and o.sent_time is null),
                   (select count(*) from node_outbox o where o.peer = p.code and o.sent_time is null and o.attempts > 0)
            from unnest($1::text[]) as p(code) left join federation_peers f on f.code = p.code
            """);
        // One array parameter (cast, or params would spread it into one parameter per code).
        command.Parameters.AddValues((object)federation.Peers.Select(p => p.Code).ToArray());
        var links = new List<PeerLink>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            var peer = federation.Peer(r.GetString(0))!;
            links.Add(new PeerLink(peer, Nullable(r, 1), Nullable(r, 2), r.IsDBNull(3) ? null : r.GetString(3),
                r.GetInt64(4), Nullable(r, 5), r.GetInt64(6), mirrors[peer.Code]));
        }

        return links;
    }

    /// <summary>Sends the peer's pending messages at the next pass, whatever their back-off.</summary>
    /// <returns>How many were rescheduled.</returns>
    public async Task<long> RetryAsync(string peer, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "update node_outbox set next_attempt_time = $2 where peer = $1 and sent_time is null");
        command.Parameters.AddValues(peer, clock.GetStoredUtcNow());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DateTimeOffset? Nullable(NpgsqlDataReader r, int ordinal) =>
        r.IsDBNull(ordinal) ? null : r.GetFieldValue<DateTimeOffset>(ordinal);
}
