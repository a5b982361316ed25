using System.Security.Claims;
using DataAccessBroker.Domain.Access;
using DataAccessBroker.Infrastructure.Federation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace DataAccessBroker.Server.Authentication;

/// <summary>
/// Trust between nodes. Each configured peer gets a bearer scheme of its own that accepts tokens from the peer's
/// issuer only (its development issuer, or its Entra ID tenant and, when configured, only its app registration), and
/// only with the Node role; a token that passes is marked with <see cref="NodeClaim"/> = the peer's code. The node
/// service requires that claim; the user scheme refuses node tokens. So: a node token on a user RPC is
/// UNAUTHENTICATED, a user token on a node RPC PERMISSION_DENIED, a token of an unconfigured node UNAUTHENTICATED.
/// </summary>
public static class NodeAuthentication
{
    /// <summary>The peer node a validated node token belongs to.</summary>
    public const string NodeClaim = "dab:node";

    public const string Policy = "Node";

    public static string SchemeOf(string peer) => $"node:{peer}";

    /// <summary>The node whose credentials the call carries, or null for a user's.</summary>
    public static string? NodeOf(ClaimsPrincipal user) => user.FindFirst(NodeClaim)?.Value;

    public static void AddNodeSchemes(
        this AuthenticationBuilder authentication, IServiceCollection services, FederationOptions federation,
        string audience, bool requireHttps)
    {
        foreach (var peer in federation.Peers)
        {
            authentication.AddJwtBearer(SchemeOf(peer.Code), jwt =>
            {
                jwt.Authority = peer.Issuer;
                jwt.RequireHttpsMetadata = requireHttps;
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters.ValidAudiences = new[] { audience, peer.Audience }.Distinct();
                jwt.TokenValidationParameters.RoleClaimType = "roles";
                jwt.TokenValidationParameters.NameClaimType = "name";
                jwt.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.RsaSha256];
                jwt.TokenValidationParameters.ClockSkew = TimeSpan.FromMinutes(1);
                jwt.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context =>
                    {
                        var principal = context.Principal!;
                        if (!principal.IsInRole(Roles.Node))
                        {
                            context.Fail("a node token must carry the Node role");
                        }
                        else if (peer.ClientId.Length > 0
                                 && (principal.FindFirst("azp") ?? principal.FindFirst("appid"))?.Value != peer.ClientId)
                        {
                            context.Fail($"the token is not from {peer.Code}'s app registration");
                        }
                        else
                        {
                            ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(NodeClaim, peer.Code));
                        }

                        return Task.CompletedTask;
                    },
                };
            });
        }

        // The user scheme is asked too, so that a user's token is recognised and refused as not a node's.
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes([JwtBearerDefaults.AuthenticationScheme, .. federation.Peers.Select(p => SchemeOf(p.Code))])
            .RequireClaim(NodeClaim));
    }
}
