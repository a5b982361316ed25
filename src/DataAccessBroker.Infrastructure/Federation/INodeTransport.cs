using DataAccessBroker.Domain.Catalog;
using DataAccessBroker.Domain.Statistics;
using DataAccessBroker.Infrastructure.Statistics;

namespace DataAccessBroker.Infrastructure.Federation;

/// <summary>
/// How this node reaches its peers: the one seam between the federation's logic and the wire. The broker carries
/// messages over gRPC; an eDelivery AS4 gateway (what HealthData@EU uses between national contact points) could carry
/// the same envelopes behind this interface.
/// </summary>
public interface INodeTransport
{
    /// <summary>Hands one message to the peer; returns when the peer has acknowledged it, throws when it has not.</summary>
    Task DeliverAsync(PeerOptions peer, NodeEnvelope envelope, CancellationToken cancellationToken);

    /// <summary>The peer's own data sources.</summary>
    Task<IReadOnlyList<DataSource>> FetchCatalogAsync(PeerOptions peer, CancellationToken cancellationToken);

    /// <summary>The peer's own turnaround, suppressed by the peer before it answers.</summary>
    Task<NodeFigures> FetchTurnaroundAsync(
        PeerOptions peer, StatisticsFilter filter, CancellationToken cancellationToken);
}
