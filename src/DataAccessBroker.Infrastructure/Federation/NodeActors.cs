using DataAccessBroker.Domain.Access;
using DataAccessBroker.Domain.Applications;

namespace DataAccessBroker.Infrastructure.Federation;

/// <summary>How another node appears in an application's history: as the actor of what its messages did.</summary>
public static class NodeActors
{
    public static Actor For(string node, FederationOptions federation) =>
        new($"node:{node}", federation.Peer(node)?.Name is { Length: > 0 } name ? name : node, Roles.Node, node);
}
