using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace DataAccessBroker.Server.Authentication.DevelopmentSignIn;

/// <summary>
/// Seals a validated <see cref="AuthorizationRequest"/> into the sign-in page's hidden field with ASP.NET Core Data
/// Protection (authenticated encryption): the browser carries it to <c>POST /authorize</c> and can neither read nor
/// change it, so the redirect URI, the PKCE challenge and the nonce checked on the way in are the ones the code is
/// bound to on the way out. It expires after <see cref="DevelopmentIssuerOptions.SignInPageLifetime"/>, counted on
/// the broker's clock (as the codes are) rather than the wall clock <c>ITimeLimitedDataProtector</c> reads.
/// The keys live in memory only: a restart of the broker invalidates the open sign-in pages, which is all a
/// development issuer needs, and nothing is written to the user's key ring.
/// </summary>
public sealed class SignInRequestProtector(TimeProvider clock, TimeSpan lifetime)
{
    private readonly IDataProtector _protector = new EphemeralDataProtectionProvider()
        .CreateProtector("DataAccessBroker.DevelopmentIssuer.SignInRequest.v1");

    public string Protect(AuthorizationRequest request) =>
        _protector.Protect(JsonSerializer.Serialize(new Sealed(request, clock.GetUtcNow() + lifetime)));

    /// <summary>The request, or null when the value was altered, made elsewhere, or has expired.</summary>
    public AuthorizationRequest? Unprotect(string value)
    {
        if (value.Length == 0) return null;
        try
        {
            var sealedRequest = JsonSerializer.Deserialize<Sealed>(_protector.Unprotect(value));
            return sealedRequest is not null && clock.GetUtcNow() < sealedRequest.Expires ? sealedRequest.Request : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }

    private sealed record Sealed(AuthorizationRequest Request, DateTimeOffset Expires);
}
