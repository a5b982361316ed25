using DataAccessBroker.Infrastructure.Federation;

namespace DataAccessBroker.Server.Federation;

/// <summary>The bearer token this node presents to a peer: app-only, carrying the Node role.</summary>
public interface INodeCredentials
{
    Task<string> TokenForAsync(PeerOptions peer, CancellationToken cancellationToken);
}
