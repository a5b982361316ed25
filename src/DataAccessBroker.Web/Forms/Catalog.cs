using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Web.Broker;

namespace DataAccessBroker.Web.Forms;

/// <summary>
/// The catalog as the application form lists it: sources grouped by the node that decides on them (this node first),
/// then by the body that owns them; a stale mirror's sources are shown but cannot be ticked.
/// </summary>
public sealed record Catalog(string Node, IReadOnlyList<DataSource> Sources, IReadOnlyList<RekCommittee> Committees,
    IReadOnlySet<string> StaleNodes)
{
    public static async Task<Catalog> ReadAsync(BrokerApi broker)
    {
        // Both at once over the one channel.
        var sourcesCall = broker.Catalog.ListDataSourcesAsync(new ListDataSourcesRequest(), broker.Call()).ResponseAsync;
        var committeesCall = broker.Catalog.ListRekCommitteesAsync(new ListRekCommitteesRequest(), broker.Call()).ResponseAsync;
        var (sources, committees) = (await sourcesCall, await committeesCall);
        return new Catalog(sources.Node, sources.DataSources, committees.RekCommittees,
            sources.Mirrors.Where(m => m.Stale).Select(m => m.Node).ToHashSet());
    }

    public IEnumerable<IGrouping<string, DataSource>> ByNode() =>
        Sources.OrderBy(s => NodeOf(s) == Node ? 0 : 1).ThenBy(NodeOf).GroupBy(NodeOf);

    public bool IsStale(DataSource source) => StaleNodes.Contains(NodeOf(source));

    private string NodeOf(DataSource source) => source.Node.Length > 0 ? source.Node : Node;
}
