namespace DataAccessBroker.Domain.Catalog;

/// <summary>The catalog as read at one moment: every source with its node, the committees, and which mirrors are stale.</summary>
public sealed class CatalogSnapshot(
    IEnumerable<DataSource> dataSources, IEnumerable<RekCommittee> committees, string localNode,
    IReadOnlySet<string>? staleNodes = null) : ICatalogSnapshot
{
    private readonly Dictionary<string, DataSource> _dataSources = dataSources.ToDictionary(d => d.Code);
    private readonly HashSet<string> _committees = committees.Select(c => c.Code).ToHashSet();
    private readonly IReadOnlySet<string> _staleNodes = staleNodes ?? new HashSet<string>();

    public string LocalNode { get; } = localNode;

    public IReadOnlyCollection<DataSource> DataSources => _dataSources.Values;

    public IReadOnlyCollection<string> RekCommittees => _committees;

    public bool HasDataSource(string code) => _dataSources.ContainsKey(code);

    public bool HasRekCommittee(string code) => _committees.Contains(code);

    public string? OrganisationOf(string dataSource) => _dataSources.GetValueOrDefault(dataSource)?.Organisation;

    public string? NodeOf(string dataSource) => _dataSources.GetValueOrDefault(dataSource)?.Node;

    public bool IsStale(string node) => _staleNodes.Contains(node);
}
