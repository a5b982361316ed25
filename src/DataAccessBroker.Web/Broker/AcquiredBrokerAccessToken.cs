using DataAccessBroker.Web.Composition;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Abstractions;
using Microsoft.Identity.Web;

namespace DataAccessBroker.Web.Broker;

/// <summary>Production: MSAL acquires (and caches, refreshes) the broker's token on the user's behalf from Entra ID.</summary>
public sealed class AcquiredBrokerAccessToken(
    IAuthorizationHeaderProvider headers, IHttpContextAccessor http, IOptions<PortalAuthenticationOptions> options)
    : IBrokerAccessToken
{
    public async Task<string> AuthorizationHeaderAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await headers.CreateAuthorizationHeaderForUserAsync(options.Value.BrokerScopes,
                claimsPrincipal: http.HttpContext?.User, cancellationToken: cancellationToken);
        }
        catch (MicrosoftIdentityWebChallengeUserException e)
        {
            // The token cache has nothing for this user any more (expired, revoked, consent withdrawn).
            throw new SessionExpiredException("Entra ID needs the user to sign in again", e);
        }
    }
}
