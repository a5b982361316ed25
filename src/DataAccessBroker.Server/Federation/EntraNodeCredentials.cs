using DataAccessBroker.Infrastructure.Federation;
using Microsoft.Identity.Web;

namespace DataAccessBroker.Server.Federation;

/// <summary>
/// In production a node calls its peers with app-only tokens of its own Entra ID registration (client credentials),
/// asked for the peer's application ID URI; the peer grants this node's registration its <c>Node</c> app role.
/// Microsoft.Identity.Web caches the tokens and renews them.
/// </summary>
public sealed class EntraNodeCredentials(ITokenAcquisition tokens) : INodeCredentials
{
    public Task<string> TokenForAsync(PeerOptions peer, CancellationToken cancellationToken) =>
        tokens.GetAccessTokenForAppAsync($"{peer.Audience.TrimEnd('/')}/.default",
            tokenAcquisitionOptions: new TokenAcquisitionOptions { CancellationToken = cancellationToken });
}
