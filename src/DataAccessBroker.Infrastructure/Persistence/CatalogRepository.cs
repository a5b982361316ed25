using DataAccessBroker.Domain.Catalog;
using DataAccessBroker.Infrastructure.Federation;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Persistence;

/// <summary>
/// The catalog: this node's data sources and REK committees, and its peers' sources, mirrored read-only with the
/// time of their last refresh. A mirror not refreshed within <see cref="FederationOptions.CatalogStaleAfter"/> is
/// stale: its sources are listed as such and cannot be applied for.
/// </summary>
public sealed class CatalogRepository(
    NpgsqlDataSource dataSource, NodeOptions node, FederationOptions federation, TimeProvider clock)
{
    public async Task<IReadOnlyList<DataSource>> ListDataSourcesAsync(CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(SelectDataSources());
        await using var r = await batch.ExecuteReaderAsync(cancellationToken);
        return await ReadDataSourcesAsync(r, cancellationToken);
    }

    /// <summary>This node's own sources: what its peers mirror and what it publishes.</summary>
    public async Task<IReadOnlyList<DataSource>> ListOwnDataSourcesAsync(CancellationToken cancellationToken) =>
        (await ListDataSourcesAsync(cancellationToken)).Where(s => s.Node == node.Code).ToList();

    public async Task<IReadOnlyList<RekCommittee>> ListRekCommitteesAsync(CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(SelectRekCommittees());
        await using var r = await batch.ExecuteReaderAsync(cancellationToken);
        return await ReadRekCommitteesAsync(r, cancellationToken);
    }

    /// <summary>Every configured peer's mirror: when it was last refreshed and whether that is too long ago.</summary>
    public async Task<IReadOnlyList<CatalogMirror>> ListMirrorsAsync(CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(SelectRefreshTimes());
        await using var r = await batch.ExecuteReaderAsync(cancellationToken);
        var refreshed = await ReadRefreshTimesAsync(r, cancellationToken);
        return federation.Peers.Select(p => new CatalogMirror(p.Code, p.Name, refreshed.GetValueOrDefault(p.Code),
            IsStale(refreshed.GetValueOrDefault(p.Code)))).ToList();
    }

    /// <summary>The whole catalog in one round trip.</summary>
    public async Task<CatalogSnapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        foreach (var command in SelectSnapshot()) batch.BatchCommands.Add(command);
        await using var r = await batch.ExecuteReaderAsync(cancellationToken);
        return await ReadSnapshotAsync(r, cancellationToken);
    }

    /// <summary>The statements whose results <see cref="ReadSnapshotAsync"/> reads, for a caller's own batch.</summary>
    internal IEnumerable<NpgsqlBatchCommand> SelectSnapshot() => [SelectDataSources(), SelectRekCommittees(), SelectRefreshTimes()];

    /// <summary>Reads the results of <see cref="SelectSnapshot"/>, starting at the reader's current result.</summary>
    internal async Task<CatalogSnapshot> ReadSnapshotAsync(NpgsqlDataReader r, CancellationToken cancellationToken)
    {
        var sources = await ReadDataSourcesAsync(r, cancellationToken);
        await r.NextResultAsync(cancellationToken);
        var committees = await ReadRekCommitteesAsync(r, cancellationToken);
        await r.NextResultAsync(cancellationToken);
        var refreshed = await ReadRefreshTimesAsync(r, cancellationToken);
        // A mirrored node counts as stale when it is no longer configured, too.
        var stale = sources.Select(s => s.Node).Where(n => n != node.Code)
            .Where(n => federation.Peer(n) is null || IsStale(refreshed.GetValueOrDefault(n)))
            .ToHashSet();
        return new CatalogSnapshot(sources, committees, node.Code, stale);
    }

    /// <summary>Adds a source of this node.</summary>
    /// <returns>False when the code is taken.</returns>
    public async Task<bool> TryAddDataSourceAsync(DataSource source, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            insert into catalog_data_sources (code, display_name, owner_name, organisation, node)
            values ($1, $2, $3, $4, $5) on conflict (code) do nothing
            """);
        command.Parameters.AddValues(source.Code, source.Name, source.OwnerName, source.Organisation, node.Code);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <returns>False when the code is taken.</returns>
    public async Task<bool> TryAddRekCommitteeAsync(RekCommittee committee, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            insert into catalog_rek_committees (code, display_name, region)
            values ($1, $2, $3) on conflict (code) do nothing
            """);
        command.Parameters.AddValues(committee.Code, committee.Name, committee.Region);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Replaces the mirror of a peer's catalog with what the peer just sent, and records the refresh: one
    /// transaction. A code that belongs to another node here is left alone (codes are shared across the federation;
    /// a clash is the peers' to resolve).
    /// </summary>
    /// <returns>The codes that clashed.</returns>
    public async Task<IReadOnlyList<string>> ReplaceMirrorAsync(
        string peer, IReadOnlyCollection<DataSource> sources, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(ParameterValues.Statement(
            "delete from catalog_data_sources where node = $1 and code <> all($2)", peer,
            sources.Select(s => s.Code).ToArray()));
        batch.BatchCommands.Add(new ColumnArrays<DataSource>(sources)
            .Column(s => s.Code).Column(s => s.Name).Column(s => s.OwnerName).Column(s => s.Organisation)
            .Column(_ => peer)
            .Command("""
                insert into catalog_data_sources as c (code, display_name, owner_name, organisation, node)
                select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
                on conflict (code) do update set display_name = excluded.display_name,
                    owner_name = excluded.owner_name, organisation = excluded.organisation
                where c.node = excluded.node
                """));
        batch.BatchCommands.Add(ParameterValues.Statement(
            "select code from catalog_data_sources where code = any($1) and node <> $2",
            sources.Select(s => s.Code).ToArray(), peer));
        batch.BatchCommands.Add(ParameterValues.Statement("""
            insert into federation_peers (code, catalog_refresh_time) values ($1, $2)
            on conflict (code) do update set catalog_refresh_time = excluded.catalog_refresh_time
            """, peer, clock.GetStoredUtcNow()));
        var clashes = new List<string>();
        await using (var r = await batch.ExecuteReaderAsync(cancellationToken))
        {
            while (await r.ReadAsync(cancellationToken)) clashes.Add(r.GetString(0));
        }

        await transaction.CommitAsync(cancellationToken);
        return clashes;
    }

    /// <summary>Adds this node's seeded registries and committees that are not there yet; safe at every start.</summary>
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var source in CatalogSeed.DataSourcesOf(node.Code)) await TryAddDataSourceAsync(source, cancellationToken);
        foreach (var committee in CatalogSeed.RekCommitteesOf(node.Code)) await TryAddRekCommitteeAsync(committee, cancellationToken);
    }

    private bool IsStale(DateTimeOffset? refreshed) =>
        refreshed is not { } time || clock.GetUtcNow() - time > federation.CatalogStaleAfter;

    private static NpgsqlBatchCommand SelectDataSources() =>
        new("select code, display_name, owner_name, organisation, node from catalog_data_sources order by node, code");

    private static NpgsqlBatchCommand SelectRekCommittees() =>
        new("select code, display_name, region from catalog_rek_committees order by code");

    private static NpgsqlBatchCommand SelectRefreshTimes() =>
        new("select code, catalog_refresh_time from federation_peers where catalog_refresh_time is not null");

    private static async Task<IReadOnlyList<DataSource>> ReadDataSourcesAsync(
        NpgsqlDataReader r, CancellationToken cancellationToken)
    {
        var items = new List<DataSource>();
        while (await r.ReadAsync(cancellationToken))
        {
            items.Add(new DataSource(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4)));
        }

        return items;
    }

    private static async Task<IReadOnlyList<RekCommittee>> ReadRekCommitteesAsync(
        NpgsqlDataReader r, CancellationToken cancellationToken)
    {
        var items = new List<RekCommittee>();
        while (await r.ReadAsync(cancellationToken)) items.Add(new RekCommittee(r.GetString(0), r.GetString(1), r.GetString(2)));
        return items;
    }

    private static async Task<Dictionary<string, DateTimeOffset?>> ReadRefreshTimesAsync(
        NpgsqlDataReader r, CancellationToken cancellationToken)
    {
        var refreshed = new Dictionary<string, DateTimeOffset?>();
        while (await r.ReadAsync(cancellationToken)) refreshed[r.GetString(0)] = r.GetFieldValue<DateTimeOffset>(1);
        return refreshed;
    }
}
