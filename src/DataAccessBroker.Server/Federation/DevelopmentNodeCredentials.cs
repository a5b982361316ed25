using System.Collections.Concurrent;
using System.Security.Claims;
using DataAccessBroker.Domain.Access;
using DataAccessBroker.Infrastructure.Federation;
using DataAccessBroker.Server.Authentication;
using Microsoft.Extensions.Options;

namespace DataAccessBroker.Server.Federation;

/// <summary>
/// In development a node signs its own node tokens with its development issuer, which its peers are configured to
/// trust (<see cref="PeerOptions.Issuer"/>). A token is reused until ten minutes before it expires.
/// </summary>
public sealed class DevelopmentNodeCredentials(
    DevelopmentIssuer issuer, NodeOptions node, IOptions<BrokerAuthenticationOptions> authentication, TimeProvider clock)
    : INodeCredentials
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset Expires)> _tokens = new();

    public Task<string> TokenForAsync(PeerOptions peer, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_tokens.TryGetValue(peer.Code, out var cached) && cached.Expires - RenewBefore > now)
        {
            return Task.FromResult(cached.Token);
        }

        var expires = now + Lifetime;
        var token = issuer.Mint(
            [
                new Claim("sub", $"node:{node.Code}"), new Claim("name", node.Name),
                new Claim(authentication.Value.OrganisationClaim, node.Code), new Claim("roles", Roles.Node),
            ],
            expires, peer.Audience);
        _tokens[peer.Code] = (token, expires);
        return Task.FromResult(token);
    }
}
