namespace DataAccessBroker.Server.Authentication.DevelopmentSignIn;

/// <summary>
/// An authorization request (RFC 6749 §4.1.1, OpenID Connect Core §3.1.2.1, RFC 7636 §4.3) that passed every check
/// of <see cref="AuthorizationRequestValidator"/>. It waits, protected, in the sign-in page's hidden field until the
/// user picks who to be, so the issuer keeps nothing between the two requests.
/// </summary>
/// <param name="Scope">The scope granted: <c>openid</c>, and <c>profile</c> when asked for; other values are ignored.</param>
/// <param name="ResponseMode"><see cref="ResponseModes.Query"/> or <see cref="ResponseModes.FormPost"/>.</param>
/// <param name="Language">The sign-in page's language: <c>en</c> or <c>nb</c> (from <c>ui_locales</c>).</param>
public sealed record AuthorizationRequest(
    string ClientId,
    string RedirectUri,
    string Scope,
    string? State,
    string? Nonce,
    string CodeChallenge,
    string ResponseMode,
    string Language);

/// <summary>How the authorization response travels back to the client (OAuth 2.0 Multiple Response Types, Form Post).</summary>
public static class ResponseModes
{
    /// <summary>A redirect with the response in the query string; the default for <c>response_type=code</c>.</summary>
    public const string Query = "query";

    /// <summary>A page that posts the response to the client, so the code never appears in a URL or a history.</summary>
    public const string FormPost = "form_post";
}
