using DataAccessBroker.Infrastructure.Federation;
using Google.Protobuf.WellKnownTypes;
using Proto = DataAccessBroker.Contracts.V1;

namespace DataAccessBroker.Server.Mapping;

/// <summary>Peer links, domain → API.</summary>
public static class FederationMapper
{
    public static Proto.Peer ToProto(PeerLink link) => new()
    {
        Node = link.Peer.Code,
        NodeName = link.Peer.Name,
        Address = link.Peer.Address,
        LastSuccessTime = Time(link.LastSuccess),
        LastFailureTime = Time(link.LastFailure),
        LastError = link.LastError ?? "",
        PendingMessages = link.PendingMessages,
        OldestPendingTime = Time(link.OldestPending),
        FailingMessages = link.FailingMessages,
        CatalogRefreshTime = Time(link.Mirror.RefreshTime),
        CatalogStale = link.Mirror.Stale,
    };

    private static Timestamp? Time(DateTimeOffset? time) => time is { } t ? Timestamp.FromDateTimeOffset(t) : null;
}
