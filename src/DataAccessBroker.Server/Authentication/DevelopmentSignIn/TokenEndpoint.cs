using System.Text.Json;
using Microsoft.Extensions.Options;

namespace DataAccessBroker.Server.Authentication.DevelopmentSignIn;

/// <summary>
/// <c>POST /token</c>, in two forms. A form body (<c>application/x-www-form-urlencoded</c>) is the OAuth token request
/// of the authorization-code flow (RFC 6749 §4.1.3, RFC 7636 §4.5): the code is exchanged, once, for an access token
/// for the broker and an ID token for the client. A JSON body <c>{ "user", "role" }</c> is <c>dab login</c>'s: a
/// token for any demo user, no questions asked, as before.
/// </summary>
public sealed class TokenEndpoint(
    DevelopmentIssuer issuer, DevelopmentIssuerOptions options, AuthorizationCodeStore codes,
    IOptions<BrokerAuthenticationOptions> authentication)
{
    private string OrganisationClaim => authentication.Value.OrganisationClaim;

    public async Task<IResult> HandleAsync(HttpRequest request)
    {
        // Tokens and their refusals must not be cached anywhere (RFC 6749 §5.1).
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        request.HttpContext.Response.Headers.Pragma = "no-cache";
        if (request.HasFormContentType) return Exchange(await request.ReadFormAsync(request.HttpContext.RequestAborted));
        if (request.HasJsonContentType()) return await DemoUserTokenAsync(request);
        return Error("invalid_request",
            "Send application/x-www-form-urlencoded (the authorization-code grant) or application/json (dab login).");
    }

    /// <summary>The authorization-code grant; every refusal is one of RFC 6749 §5.2's errors.</summary>
    private IResult Exchange(IFormCollection form)
    {
        var repeated = form.Keys.FirstOrDefault(key => form[key].Count > 1);
        if (repeated is not null) return Error("invalid_request", $"The parameter {repeated} is given more than once.");
        var grantType = form["grant_type"].ToString();
        if (grantType.Length == 0) return Error("invalid_request", "grant_type is missing.");
        if (grantType != "authorization_code")
        {
            return Error("unsupported_grant_type", "Only the authorization_code grant is offered.");
        }

        var code = form["code"].ToString();
        if (code.Length == 0) return Error("invalid_request", "code is missing.");
        // Taken out of the store before anything else is checked: whatever follows, this code is spent.
        var grant = codes.Redeem(code);

        var clientId = form["client_id"].ToString();
        if (clientId.Length == 0) return Error("invalid_request", "client_id is missing: public clients name themselves.");
        if (options.Clients.All(c => c.ClientId != clientId))
        {
            return Error("invalid_client", $"No application '{clientId}' is registered with this issuer.");
        }

        if (grant is null) return Error("invalid_grant", "The code is unknown, expired or already used.");
        if (grant.ClientId != clientId) return Error("invalid_grant", "The code was issued to another client.");
        // Exactly the redirect_uri of the authorization request, port and all (RFC 6749 §4.1.3).
        if (form["redirect_uri"].ToString() != grant.RedirectUri)
        {
            return Error("invalid_grant", "redirect_uri differs from the authorization request's.");
        }

        var verifier = form["code_verifier"].ToString();
        if (verifier.Length == 0) return Error("invalid_request", "code_verifier is missing: PKCE is required.");
        if (!Pkce.Verifies(verifier, grant.CodeChallenge))
        {
            return Error("invalid_grant", "code_verifier does not match the code_challenge of the authorization request.");
        }

        var accessToken = issuer.IssueFor(grant.User, grant.Role, OrganisationClaim);
        return Results.Json(new
        {
            access_token = accessToken,
            id_token = issuer.IssueIdToken(grant, OrganisationClaim, accessToken),
            token_type = "Bearer",
            expires_in = (long)options.TokenLifetime.TotalSeconds,
            scope = grant.Scope,
        });
    }

    private async Task<IResult> DemoUserTokenAsync(HttpRequest request)
    {
        DemoUserTokenRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<DemoUserTokenRequest>(request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            return Error("invalid_request", "The body is not the JSON { \"user\": …, \"role\": … }.");
        }

        try
        {
            var token = issuer.IssueFor(body?.User ?? "", body?.Role, OrganisationClaim);
            return Results.Json(new { access_token = token, token_type = "Bearer" });
        }
        catch (ArgumentException e)
        {
            return Error("invalid_request", e.Message);
        }
    }

    private static IResult Error(string error, string description) =>
        Results.BadRequest(new { error, error_description = description });

    private sealed record DemoUserTokenRequest(string? User, string? Role);
}
