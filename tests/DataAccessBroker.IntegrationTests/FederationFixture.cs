using DataAccessBroker.Contracts.V1;
using static DataAccessBroker.IntegrationTests.BrokerFixture;
using static DataAccessBroker.IntegrationTests.Scenario;

namespace DataAccessBroker.IntegrationTests;

/// <summary>
/// Three broker nodes, each a process of its own on its own database of one PostgreSQL server, each the others' peer:
/// Norway (Helsedataservice), Denmark (Sundhedsdatastyrelsen) and Finland (Findata). Ready once every node mirrors
/// both peers' catalogs.
/// </summary>
public sealed class FederationFixture : IAsyncLifetime
{
    public BrokerNode Norway { get; } = new("no", "Helsedataservice");
    public BrokerNode Denmark { get; } = new("dk", "Sundhedsdatastyrelsen");
    public BrokerNode Finland { get; } = new("fi", "Findata");
    public IReadOnlyList<BrokerNode> Nodes => [Norway, Denmark, Finland];

    public async Task InitializeAsync()
    {
        foreach (var node in Nodes)
        {
            node.Peers.AddRange(Nodes.Where(n => n != node));
            await node.CreateDatabaseAsync();
        }

        await Task.WhenAll(Nodes.Select(n => n.StartAsync()));
        foreach (var node in Nodes) await WaitForFreshMirrorsAsync(node);
    }

    /// <summary>Until the node lists both peers' sources, neither mirror stale.</summary>
    public static async Task WaitForFreshMirrorsAsync(BrokerNode node)
    {
        var reader = node.As("ada", "uio", "Applicant");
        var catalog = await PollAsync(
            () => reader.Catalog.ListDataSourcesAsync(new ListDataSourcesRequest()).ResponseAsync,
            c => c.Mirrors.Count == node.Peers.Count && c.Mirrors.All(m => !m.Stale),
            TimeSpan.FromSeconds(60));
        Assert.All(catalog.Mirrors, m => Assert.False(m.Stale, $"{node.Code}'s mirror of {m.Node} is stale"));
    }

    public async Task DisposeAsync()
    {
        foreach (var node in Nodes) await node.DisposeAsync();
    }
}
