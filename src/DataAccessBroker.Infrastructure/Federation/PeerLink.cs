using DataAccessBroker.Infrastructure.Persistence;

namespace DataAccessBroker.Infrastructure.Federation;

/// <summary>How this node's link to one peer fares, for the admin.</summary>
public sealed record PeerLink(
    PeerOptions Peer,
    DateTimeOffset? LastSuccess,
    DateTimeOffset? LastFailure,
    string? LastError,
    long PendingMessages,
    DateTimeOffset? OldestPending,
    long FailingMessages,
    CatalogMirror Mirror);
