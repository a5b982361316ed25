using Microsoft.Extensions.Primitives;

namespace DataAccessBroker.Server.Authentication.DevelopmentSignIn;

/// <summary>
/// Checks <c>GET /authorize</c>'s parameters in the order RFC 6749 §4.1.2.1 asks: first whether the client and its
/// redirect URI can be trusted (if not, nothing may be sent there: the user gets a page saying why), then everything
/// else, whose errors go back to the client at its redirect URI with <c>error</c>, <c>error_description</c> and
/// <c>state</c>.
/// </summary>
public static class AuthorizationRequestValidator
{
    public static AuthorizationRequestOutcome Validate(IQueryCollection query, IReadOnlyList<DevelopmentClient> clients)
    {
        string? Single(string name) => query.TryGetValue(name, out var values) ? Only(values) : null;
        bool Repeated(string name) => query.TryGetValue(name, out var values) && values.Count > 1;

        // Who is asking, and where the answer may go.
        if (Repeated("client_id") || Repeated("redirect_uri"))
        {
            return new AuthorizationRequestOutcome.Refused("client_id and redirect_uri may each be given once.");
        }

        var clientId = Single("client_id");
        if (string.IsNullOrEmpty(clientId)) return new AuthorizationRequestOutcome.Refused("The request names no client (client_id).");
        var client = clients.FirstOrDefault(c => c.ClientId == clientId);
        if (client is null)
        {
            return new AuthorizationRequestOutcome.Refused($"No application '{clientId}' is registered with this issuer.");
        }

        var redirectUri = Single("redirect_uri");
        if (string.IsNullOrEmpty(redirectUri))
        {
            return new AuthorizationRequestOutcome.Refused("The request names no address to return to (redirect_uri).");
        }

        if (!client.MayRedirectTo(redirectUri))
        {
            return new AuthorizationRequestOutcome.Refused(
                $"'{redirectUri}' is not an address registered for '{clientId}', so the sign-in cannot return there.");
        }

        // From here on errors are the client's to handle: they go back in the response mode it asked for, when that
        // is one, with its state. (Kestrel's 8 kB request line bounds state and nonce.)
        var state = Single("state");
        var responseMode = Single("response_mode");
        var modeIsValid = responseMode is null or ResponseModes.Query or ResponseModes.FormPost;
        AuthorizationRequestOutcome Fail(string error, string description) => new AuthorizationRequestOutcome.Failed(
            AuthorizationResponse.Error(redirectUri,
                responseMode == ResponseModes.FormPost ? ResponseModes.FormPost : ResponseModes.Query, state, error, description));

        var repeated = query.Keys.FirstOrDefault(Repeated);
        if (repeated is not null) return Fail("invalid_request", $"The parameter {repeated} is given more than once.");
        if (!modeIsValid) return Fail("invalid_request", "response_mode must be query or form_post.");
        if (Single("request") is not null) return Fail("request_not_supported", "Request objects are not supported.");
        if (Single("request_uri") is not null) return Fail("request_uri_not_supported", "request_uri is not supported.");

        var responseType = Single("response_type");
        if (string.IsNullOrEmpty(responseType)) return Fail("invalid_request", "response_type is missing; use code.");
        if (responseType != "code")
        {
            return Fail("unsupported_response_type", "Only the authorization-code flow is offered: response_type=code.");
        }

        var scopes = (Single("scope") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!scopes.Contains("openid")) return Fail("invalid_scope", "The scope must include openid.");

        var challenge = Single("code_challenge");
        if (string.IsNullOrEmpty(challenge))
        {
            return Fail("invalid_request", "code_challenge is required: every client must use PKCE (S256).");
        }

        if (Single("code_challenge_method") != Pkce.S256)
        {
            return Fail("invalid_request", "code_challenge_method must be S256; plain is not accepted.");
        }

        if (!Pkce.IsWellFormedChallenge(challenge))
        {
            return Fail("invalid_request", "code_challenge is not a BASE64URL-encoded SHA-256 (43 characters).");
        }

        // The issuer keeps no session, so it can never sign anyone in without showing its page (OIDC Core §3.1.2.6).
        if ((Single("prompt") ?? "").Split(' ').Contains("none"))
        {
            return Fail("login_required", "The development issuer keeps no session; sign in without prompt=none.");
        }

        var granted = scopes.Contains("profile") ? "openid profile" : "openid";
        return new AuthorizationRequestOutcome.Accepted(new AuthorizationRequest(
            clientId, redirectUri, granted, state, Single("nonce"), challenge, responseMode ?? ResponseModes.Query,
            SignInText.LanguageOf(Single("ui_locales"))));
    }

    private static string? Only(StringValues values) => values.Count == 1 ? values[0] : null;
}

/// <summary>What <see cref="AuthorizationRequestValidator"/> decided.</summary>
public abstract record AuthorizationRequestOutcome
{
    private AuthorizationRequestOutcome()
    {
    }

    /// <summary>Every check passed: show the sign-in page.</summary>
    public sealed record Accepted(AuthorizationRequest Request) : AuthorizationRequestOutcome;

    /// <summary>The client or its redirect URI cannot be trusted: a page (400) says why; nothing is redirected.</summary>
    public sealed record Refused(string Reason) : AuthorizationRequestOutcome;

    /// <summary>A trusted client sent a bad request: the error goes back to it.</summary>
    public sealed record Failed(AuthorizationResponse Response) : AuthorizationRequestOutcome;
}
