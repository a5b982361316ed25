using DataAccessBroker.Domain.Catalog;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Persistence;

/// <summary>The catalog of data sources and REK committees.</summary>
public sealed class CatalogRepository(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<DataSource>> ListDataSourcesAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select code, display_name, owner_name, organisation from catalog_data_sources order by code");
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<DataSource>();
        while (await r.ReadAsync(cancellationToken))
        {
            items.Add(new DataSource(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3)));
        }

        return items;
    }

    public async Task<IReadOnlyList<RekCommittee>> ListRekCommitteesAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select code, display_name, region from catalog_rek_committees order by code");
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<RekCommittee>();
        while (await r.ReadAsync(cancellationToken))
        {
            items.Add(new RekCommittee(r.GetString(0), r.GetString(1), r.GetString(2)));
        }

        return items;
    }

    public async Task<CatalogSnapshot> SnapshotAsync(CancellationToken cancellationToken) =>
        new(await ListDataSourcesAsync(cancellationToken), await ListRekCommitteesAsync(cancellationToken));

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
