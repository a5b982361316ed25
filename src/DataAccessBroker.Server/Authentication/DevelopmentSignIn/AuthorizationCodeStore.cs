using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace DataAccessBroker.Server.Authentication.DevelopmentSignIn;

/// <summary>
/// The authorization codes issued and not yet redeemed, in memory: the issuer serves one development broker, and a
/// code lives for seconds. A code is 32 random bytes (unguessable), expires after
/// <see cref="DevelopmentIssuerOptions.AuthorizationCodeLifetime"/> and can be redeemed once; a redemption takes it
/// out of the store whether or not the redemption then succeeds (RFC 6749 §4.1.2), so a wrong PKCE verifier cannot
/// be followed by another try.
/// </summary>
public sealed class AuthorizationCodeStore(TimeProvider clock, TimeSpan lifetime)
{
    private readonly ConcurrentDictionary<string, (AuthorizationGrant Grant, DateTimeOffset Expires)> _codes =
        new(StringComparer.Ordinal);

    public string Issue(AuthorizationGrant grant)
    {
        ForgetExpired();
        var code = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        _codes[code] = (grant, clock.GetUtcNow() + lifetime);
        return code;
    }

    /// <summary>The code's grant, or null when the code is unknown, already redeemed or expired.</summary>
    public AuthorizationGrant? Redeem(string code) =>
        _codes.TryRemove(code, out var issued) && clock.GetUtcNow() < issued.Expires ? issued.Grant : null;

    /// <summary>Codes that were never redeemed would otherwise stay for the life of the process.</summary>
    private void ForgetExpired()
    {
        var now = clock.GetUtcNow();
        foreach (var (code, issued) in _codes)
        {
            if (issued.Expires <= now) _codes.TryRemove(code, out _);
        }
    }
}
