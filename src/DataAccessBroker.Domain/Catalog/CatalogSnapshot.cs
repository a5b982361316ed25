namespace DataAccessBroker.Domain.Catalog;

public sealed class CatalogSnapshot(IEnumerable<DataSource> dataSources, IEnumerable<RekCommittee> committees)
    : ICatalogSnapshot
{
    private readonly Dictionary<string, DataSource> _dataSources = dataSources.ToDictionary(d => d.Code);
    private readonly HashSet<string> _committees = committees.Select(c => c.Code).ToHashSet();

    public bool HasDataSource(string code) => _dataSources.ContainsKey(code);

    public bool HasRekCommittee(string code) => _committees.Contains(code);

    public string? OrganisationOf(string dataSource) => _dataSources.GetValueOrDefault(dataSource)?.Organisation;
}
