namespace DataAccessBroker.Domain.Catalog;

/// <summary>What validation needs to know of the catalog.</summary>
public interface ICatalogSnapshot : IDataSourceDirectory
{
    bool HasDataSource(string code);

    bool HasRekCommittee(string code);
}
