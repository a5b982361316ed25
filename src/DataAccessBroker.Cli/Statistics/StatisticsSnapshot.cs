using DataAccessBroker.Cli.Connection;
using DataAccessBroker.Contracts.V1;

namespace DataAccessBroker.Cli.Statistics;

/// <summary>
/// Every statistic for one filter, fetched together, and other nodes' turnaround if asked: what the HTML report shows.
/// The answers are kept whole, because each carries the scope it was computed over and the report prints it.
/// </summary>
/// <param name="Filter">The filter as dab asked it; the answers' scopes say how the broker resolved it.</param>
public sealed record StatisticsSnapshot(
    StatisticsFilter Filter,
    GetTurnaroundResponse Turnaround,
    GetBacklogResponse Backlog,
    GetMonthlyTrendResponse Trend,
    GetBottlenecksResponse Bottlenecks)
{
    /// <param name="nodes">Peer nodes (or "all") whose own turnaround to add; none for this node's figures only.</param>
    public static async Task<StatisticsSnapshot> FetchAsync(
        BrokerClients clients, StatisticsFilter filter, IReadOnlyList<string> nodes, CancellationToken cancellationToken)
    {
        var statistics = clients.Statistics;
        var turnaround = await statistics.GetTurnaroundAsync(
            new GetTurnaroundRequest { Filter = filter, Nodes = { nodes } }, BrokerClients.Call(cancellationToken));
        var backlog = await statistics.GetBacklogAsync(new GetBacklogRequest { Filter = filter }, BrokerClients.Call(cancellationToken));
        var trend = await statistics.GetMonthlyTrendAsync(new GetMonthlyTrendRequest { Filter = filter }, BrokerClients.Call(cancellationToken));
        var bottlenecks = await statistics.GetBottlenecksAsync(new GetBottlenecksRequest { Filter = filter }, BrokerClients.Call(cancellationToken));
        return new StatisticsSnapshot(filter, turnaround, backlog, trend, bottlenecks);
    }
}
