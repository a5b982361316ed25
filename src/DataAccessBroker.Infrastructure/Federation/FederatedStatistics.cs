using DataAccessBroker.Domain.Errors;
using DataAccessBroker.Infrastructure.Statistics;
using Microsoft.Extensions.Logging;

namespace DataAccessBroker.Infrastructure.Federation;

/// <summary>
/// Every node's own turnaround side by side: this node's from its own figures, each peer's asked of the peer, which
/// suppresses small groups before its answer leaves it. A peer that cannot be asked is reported with its error; the
/// others still answer.
/// </summary>
public sealed class FederatedStatistics(
    StatisticsQueries queries, INodeTransport transport, NodeOptions node, FederationOptions federation,
    ILogger<FederatedStatistics> logger)
{
    public const string AllNodes = "all";
    private static readonly TimeSpan PeerDeadline = TimeSpan.FromSeconds(10);

    /// <param name="scope">This node's scope: its filter, and whether its own history is simulated.</param>
    /// <param name="nodes">Peer codes, or "all"; this node comes first in any case.</param>
    public async Task<IReadOnlyList<NodeTurnaround>> TurnaroundAsync(
        StatisticsScope scope, IReadOnlyCollection<string> nodes, CancellationToken cancellationToken)
    {
        var (filter, peers) = (scope.Filter, Peers(nodes));
        var own = new NodeTurnaround(node.Code, node.Name, await queries.TurnaroundAsync(filter, cancellationToken),
            scope.Simulated, null);
        var answers = await Task.WhenAll(peers.Select(async peer =>
        {
            try
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                deadline.CancelAfter(PeerDeadline);
                var figures = await transport.FetchTurnaroundAsync(peer, filter, deadline.Token);
                return new NodeTurnaround(peer.Code, peer.Name, figures.Groups, figures.Simulated, null);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Asking {Peer} for its turnaround failed: {Error}", peer.Code, e.Message);
                return new NodeTurnaround(peer.Code, peer.Name, [], false, e.Message);
            }
        }));
        return [own, .. answers];
    }

    private List<PeerOptions> Peers(IReadOnlyCollection<string> nodes)
    {
        if (nodes.Contains(AllNodes)) return federation.Peers;
        var unknown = nodes.Where(n => n != node.Code && federation.Peer(n) is null).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidInputException("nodes", $"'{string.Join("', '", unknown)}' is not a peer of this node; " +
                $"known: {string.Join(", ", federation.Peers.Select(p => p.Code).Prepend(AllNodes))}");
        }

        return nodes.Distinct().Where(n => n != node.Code).Select(n => federation.Peer(n)!).ToList();
    }
}
