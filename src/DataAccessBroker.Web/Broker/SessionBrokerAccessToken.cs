using System.Globalization;
using Microsoft.AspNetCore.Authentication;

namespace DataAccessBroker.Web.Broker;

/// <summary>
/// Development: the access token the development issuer returned with the sign-in, kept in the session cookie
/// (encrypted with Data Protection). When it has expired, the session has too.
/// </summary>
public sealed class SessionBrokerAccessToken(IHttpContextAccessor http, TimeProvider clock) : IBrokerAccessToken
{
    public async Task<string> AuthorizationHeaderAsync(CancellationToken cancellationToken)
    {
        var context = http.HttpContext ?? throw new SessionExpiredException("no request to take a session from");
        var token = await context.GetTokenAsync("access_token");
        var expiresAt = await context.GetTokenAsync("expires_at");
        if (string.IsNullOrEmpty(token))
        {
            throw new SessionExpiredException("the session holds no access token for the broker");
        }

        if (DateTimeOffset.TryParse(expiresAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var expiry)
            && expiry <= clock.GetUtcNow())
        {
            throw new SessionExpiredException("the broker's access token has expired");
        }

        return $"Bearer {token}";
    }
}
