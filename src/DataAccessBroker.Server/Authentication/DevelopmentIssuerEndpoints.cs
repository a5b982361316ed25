using DataAccessBroker.Server.Authentication.DevelopmentSignIn;
using Microsoft.Extensions.Options;

namespace DataAccessBroker.Server.Authentication;

/// <summary>
/// The development issuer's HTTP endpoints, reachable only on its own (HTTP/1.1, loopback) port: discovery, keys,
/// the demo users, and the OpenID Connect sign-in with its token endpoint (<see cref="DevelopmentSignInSetup"/>).
/// </summary>
public static class DevelopmentIssuerEndpoints
{
    public static void MapDevelopmentIssuer(this WebApplication app)
    {
        var issuer = app.Services.GetService<DevelopmentIssuer>();
        if (issuer is null) return;

        var host = new Uri(issuer.Issuer).Authority;
        var organisationClaim = app.Services.GetRequiredService<IOptions<BrokerAuthenticationOptions>>().Value
            .OrganisationClaim;
        var group = app.MapGroup("").RequireHost(host).AllowAnonymous();
        group.MapGet("/.well-known/openid-configuration", () => Results.Json(issuer.DiscoveryDocument(organisationClaim)));
        group.MapGet("/jwks", () => Results.Json(issuer.KeySet()));
        group.MapGet("/users", () => Results.Json(issuer.Users.Select(u => new
        {
            name = u.Name, display_name = u.DisplayName, roles = u.Roles, organisation = u.Organisation,
        })));
        group.MapDevelopmentSignIn();
    }
}
