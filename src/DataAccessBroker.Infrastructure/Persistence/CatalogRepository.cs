using DataAccessBroker.Domain.Catalog;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Persistence;

/// <summary>The catalog of data sources and REK committees.</summary>
public sealed class CatalogRepository(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<DataSource>> ListDataSourcesAsync(CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(SelectDataSources());
        await using var r = await batch.ExecuteReaderAsync(cancellationToken);
        return await ReadDataSourcesAsync(r, cancellationToken);
    }

    public async Task<IReadOnlyList<RekCommittee>> ListRekCommitteesAsync(CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(SelectRekCommittees());
        await using var r = await batch.ExecuteReaderAsync(cancellationToken);
        return await ReadRekCommitteesAsync(r, cancellationToken);
    }

    /// <summary>The whole catalog in one round trip.</summary>
    public async Task<CatalogSnapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(SelectDataSources());
        batch.BatchCommands.Add(SelectRekCommittees());
        await using var r = await batch.ExecuteReaderAsync(cancellationToken);
        return await ReadSnapshotAsync(r, cancellationToken);
    }

    /// <summary>The two statements whose results <see cref="ReadSnapshotAsync"/> reads, for a caller's own batch.</summary>
    internal static IEnumerable<NpgsqlBatchCommand> SelectSnapshot() => [SelectDataSources(), SelectRekCommittees()];

    /// <summary>Reads the results of <see cref="SelectSnapshot"/>, starting at the reader's current result.</summary>
    internal static async Task<CatalogSnapshot> ReadSnapshotAsync(NpgsqlDataReader r, CancellationToken cancellationToken)
    {
        var sources = await ReadDataSourcesAsync(r, cancellationToken);
        await r.NextResultAsync(cancellationToken);
        return new CatalogSnapshot(sources, await ReadRekCommitteesAsync(r, cancellationToken));
    }

    private static NpgsqlBatchCommand SelectDataSources() =>
        new("select code, display_name, owner_name, organisation from catalog_data_sources order by code");

    private static NpgsqlBatchCommand SelectRekCommittees() =>
        new("select code, display_name, region from catalog_rek_committees order by code");

    private static async Task<IReadOnlyList<DataSource>> ReadDataSourcesAsync(
        NpgsqlDataReader r, CancellationToken cancellationToken)
    {
        var items = new List<DataSource>();
        while (await r.ReadAsync(cancellationToken))
        {
            items.Add(new DataSource(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3)));
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

    /// <returns>False when the code is taken.</returns>
    public async Task<bool> TryAddDataSourceAsync(DataSource source, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            insert into catalog_data_sources (code, display_name, owner_name, organisation)
            values ($1, $2, $3, $4) on conflict (code) do nothing
            """);
        command.Parameters.AddValues(source.Code, source.Name, source.OwnerName, source.Organisation);
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

    /// <summary>Adds the real Norwegian registries and committees that are not there yet; safe to run at every start.</summary>
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var source in CatalogSeed.DataSources) await TryAddDataSourceAsync(source, cancellationToken);
        foreach (var committee in CatalogSeed.RekCommittees) await TryAddRekCommitteeAsync(committee, cancellationToken);
    }
}
