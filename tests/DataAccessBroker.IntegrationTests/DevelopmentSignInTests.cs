using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Server.Authentication;
using Grpc.Core;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using static DataAccessBroker.IntegrationTests.SignInBrowser;

namespace DataAccessBroker.IntegrationTests;

/// <summary>
/// The development issuer's OpenID Connect sign-in (authorization code with PKCE), run by hand over HTTP against a
/// real broker: what the portal's sign-in does, and what a client that strays from the registration or the protocol
/// gets.
/// </summary>
public sealed class DevelopmentSignInTests(DevelopmentSignInFixture broker) : IClassFixture<DevelopmentSignInFixture>, IDisposable
{
    private readonly SignInBrowser _browser = new(broker.IssuerAddress);

    [Fact]
    public async Task The_code_flow_signs_a_user_in_for_the_broker_and_the_client()
    {
        var (verifier, challenge) = NewPkce();
        var redirectUri = DevelopmentSignInFixture.RedirectUriOnAnyPort();

        var code = await _browser.CodeAsync(redirectUri, challenge);
        var (response, body) = await _browser.RedeemAsync(code, redirectUri, verifier);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(8 * 3600, body.GetProperty("expires_in").GetInt64());
        Assert.Equal("openid profile", body.GetProperty("scope").GetString());
        var accessToken = body.GetProperty("access_token").GetString()!;

        // The access token is the broker's: a gRPC call as Ada succeeds.
        var ada = new BrokerFixture.User(broker.Invoker(accessToken));
        await ada.Applications.ListApplicationsAsync(new ListApplicationsRequest());
        var access = new JsonWebToken(accessToken);
        Assert.Equal(broker.Issuer.Audience, Assert.Single(access.Audiences));
        Assert.Equal(["Applicant"], access.GetClaims("roles"));

        // The ID token is the client's, checked as its OpenID Connect handler checks it: keys from the JWKS that
        // discovery names, issuer, audience, lifetime; then the nonce and the claims it reads.
        var idToken = await ValidatedIdTokenAsync(body.GetProperty("id_token").GetString()!);
        Assert.Equal("nonce-1", idToken.GetClaim("nonce").Value);
        Assert.Equal("ada", idToken.Subject);
        Assert.Equal("ada", idToken.GetClaim("name").Value);
        Assert.Equal(["Applicant"], idToken.GetClaims("roles"));
        Assert.Equal("uio", idToken.GetClaim("org").Value);
        Assert.Equal(broker.Clock.GetUtcNow().ToUnixTimeSeconds(), long.Parse(idToken.GetClaim("auth_time").Value));
        Assert.Equal(idToken.ValidTo, access.ValidTo);
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(accessToken));
        Assert.Equal(Base64UrlEncoder.Encode(hash[..16]), idToken.GetClaim("at_hash").Value);

        // The ID token is no key to the broker: it was issued to the client.
        var refusal = await Assert.ThrowsAsync<RpcException>(() => new BrokerFixture.User(broker.Invoker(idToken.EncodedToken))
            .Applications.ListApplicationsAsync(new ListApplicationsRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, refusal.StatusCode);
        Assert.Contains("issued for another service", refusal.Status.Detail);
    }

    [Fact]
    public async Task A_user_with_two_roles_has_a_button_for_each_and_signs_in_in_the_one_chosen()
    {
        var (verifier, challenge) = NewPkce();
        using var page = await _browser.AuthorizeAsync(AuthorizationRequest(DevelopmentSignInFixture.RegisteredRedirectUri, challenge));
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(["Analyst", "DataOwner"], Forms(html).Where(f => f.Fields["user"] == "sigrid").Select(f => f.Fields["role"]).Order().ToArray());
        Assert.Equal(broker.Issuer.Users.Sum(u => u.Roles.Count), Forms(html).Count);
        Assert.Contains("Sigrid Begge", html);
        var code = await _browser.CodeAsync(DevelopmentSignInFixture.RegisteredRedirectUri, challenge, "sigrid", "Analyst");
        var (_, body) = await _browser.RedeemAsync(code, DevelopmentSignInFixture.RegisteredRedirectUri, verifier);

        Assert.Equal(["Analyst"], new JsonWebToken(body.GetProperty("access_token").GetString()).GetClaims("roles"));
        Assert.Equal(["Analyst"], (await ValidatedIdTokenAsync(body.GetProperty("id_token").GetString()!)).GetClaims("roles"));
    }

    [Fact]
    public async Task A_wrong_code_verifier_is_refused_and_spends_the_code()
    {
        var (verifier, challenge) = NewPkce();
        var redirectUri = DevelopmentSignInFixture.RegisteredRedirectUri;
        var code = await _browser.CodeAsync(redirectUri, challenge);

        var (wrong, wrongBody) = await _browser.RedeemAsync(code, redirectUri, NewPkce().Verifier);
        var (again, againBody) = await _browser.RedeemAsync(code, redirectUri, verifier);

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("invalid_grant", wrongBody.GetProperty("error").GetString());
        Assert.Contains("code_verifier", wrongBody.GetProperty("error_description").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("invalid_grant", againBody.GetProperty("error").GetString());
        Assert.False(againBody.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task A_code_is_redeemed_once()
    {
        var (verifier, challenge) = NewPkce();
        var redirectUri = DevelopmentSignInFixture.RegisteredRedirectUri;
        var code = await _browser.CodeAsync(redirectUri, challenge);

        var (first, _) = await _browser.RedeemAsync(code, redirectUri, verifier);
        var (second, body) = await _browser.RedeemAsync(code, redirectUri, verifier);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }

    public static TheoryData<string, string, string> MismatchedRedemptions() => new()
    {
        { "another redirect_uri", "redirect_uri", "invalid_grant" },
        { "the same address on another port", "port", "invalid_grant" },
        { "another registered client", "client", "invalid_grant" },
        { "an unknown client", "unknown-client", "invalid_client" },
        { "a verifier too short", "short-verifier", "invalid_grant" },
        { "no verifier", "no-verifier", "invalid_request" },
    };

    [Theory]
    [MemberData(nameof(MismatchedRedemptions))]
    public async Task A_redemption_must_match_what_the_code_was_issued_for(string _, string change, string error)
    {
        var (verifier, challenge) = NewPkce();
        var redirectUri = DevelopmentSignInFixture.RedirectUriOnAnyPort();
        var code = await _browser.CodeAsync(redirectUri, challenge);
        var fields = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirectUri,
            ["client_id"] = DevelopmentSignInFixture.ClientId, ["code_verifier"] = verifier,
        };
        switch (change)
        {
            case "redirect_uri": fields["redirect_uri"] = redirectUri.Replace("/signin-oidc", "/elsewhere"); break;
            case "port": fields["redirect_uri"] = DevelopmentSignInFixture.RedirectUriOnAnyPort(); break;
            case "client": fields["client_id"] = DevelopmentSignInFixture.OtherClientId; break;
            case "unknown-client": fields["client_id"] = "no-such-client"; break;
            case "short-verifier": fields["code_verifier"] = verifier[..42]; break;
            case "no-verifier": fields.Remove("code_verifier"); break;
        }

        using var response = await _browser.PostAsync("/token", fields);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, body.GetProperty("error").GetString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        // Whatever was wrong, the code is spent.
        Assert.Equal("invalid_grant", (await _browser.RedeemAsync(code, redirectUri, verifier)).Body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_token_request_of_another_grant_type_is_refused()
    {
        using var response = await _browser.PostAsync("/token",
            new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = DevelopmentSignInFixture.ClientId });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unsupported_grant_type", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_expired_code_is_refused()
    {
        var (verifier, challenge) = NewPkce();
        var redirectUri = DevelopmentSignInFixture.RegisteredRedirectUri;
        var code = await _browser.CodeAsync(redirectUri, challenge);

        broker.Clock.Advance(TimeSpan.FromSeconds(61));
        var (response, body) = await _browser.RedeemAsync(code, redirectUri, verifier);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }

    public static TheoryData<string, string?, string?> UntrustedRequests() => new()
    {
        { "an unknown client", "no-such-client", DevelopmentSignInFixture.RegisteredRedirectUri },
        { "no client", null, DevelopmentSignInFixture.RegisteredRedirectUri },
        { "no redirect_uri", DevelopmentSignInFixture.ClientId, null },
        { "another path", DevelopmentSignInFixture.ClientId, "http://127.0.0.1:5090/signin-oidc-x" },
        { "a query added", DevelopmentSignInFixture.ClientId, "http://127.0.0.1:5090/signin-oidc?next=x" },
        { "localhost, a name", DevelopmentSignInFixture.ClientId, "http://localhost:5090/signin-oidc" },
        { "https for http", DevelopmentSignInFixture.ClientId, "https://127.0.0.1:5090/signin-oidc" },
        { "a host that starts like loopback", DevelopmentSignInFixture.ClientId, "http://127.0.0.1.example.org/signin-oidc" },
        { "user information", DevelopmentSignInFixture.ClientId, "http://127.0.0.1:5090@example.org/signin-oidc" },
        { "a fragment", DevelopmentSignInFixture.ClientId, "http://127.0.0.1:5090/signin-oidc#x" },
        { "a registered post-logout address", DevelopmentSignInFixture.ClientId, DevelopmentSignInFixture.RegisteredPostLogoutRedirectUri },
    };

    [Theory]
    [MemberData(nameof(UntrustedRequests))]
    public async Task An_unregistered_client_or_address_gets_a_page_and_no_redirect(string _, string? clientId, string? redirectUri)
    {
        var request = AuthorizationRequest(redirectUri!, NewPkce().Challenge);
        request["client_id"] = clientId;
        request["redirect_uri"] = redirectUri;

        using var response = await _browser.AuthorizeAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Sign-in cannot continue", await response.Content.ReadAsStringAsync());
        Assert.Contains("form-action 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    public static TheoryData<string, string, string?, string> BadRequests() => new()
    {
        { "no code_challenge", "code_challenge", null, "invalid_request" },
        { "no code_challenge_method (plain by default)", "code_challenge_method", null, "invalid_request" },
        { "the plain method", "code_challenge_method", "plain", "invalid_request" },
        { "a challenge that is no SHA-256", "code_challenge", "abc", "invalid_request" },
        { "the implicit flow", "response_type", "token", "unsupported_response_type" },
        { "no response_type", "response_type", null, "invalid_request" },
        { "no openid scope", "scope", "profile", "invalid_scope" },
        { "an unknown response mode", "response_mode", "fragment", "invalid_request" },
        { "no sign-in page", "prompt", "none", "login_required" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_bad_request_of_a_registered_client_goes_back_to_it_with_an_error(
        string _, string parameter, string? value, string error)
    {
        var redirectUri = DevelopmentSignInFixture.RedirectUriOnAnyPort();
        var request = AuthorizationRequest(redirectUri, NewPkce().Challenge, state: "keep me");
        request[parameter] = value;

        using var response = await _browser.AuthorizeAsync(request);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith(redirectUri + "?", location);
        var query = QueryHelpers.ParseQuery(new Uri(location).Query);
        Assert.Equal(error, query["error"].ToString());
        Assert.NotEmpty(query["error_description"].ToString());
        Assert.Equal("keep me", query["state"].ToString());
        Assert.False(query.ContainsKey("code"));
    }

    [Fact]
    public async Task A_repeated_parameter_is_an_invalid_request()
    {
        var redirectUri = DevelopmentSignInFixture.RegisteredRedirectUri;
        var query = QueryHelpers.AddQueryString("/authorize", AuthorizationRequest(redirectUri, NewPkce().Challenge)) + "&scope=openid";

        using var response = await _browser.Http.GetAsync(query);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("invalid_request", QueryHelpers.ParseQuery(response.Headers.Location!.Query)["error"].ToString());
    }

    [Fact]
    public async Task The_sign_in_page_is_served_with_a_strict_policy_and_no_inline_code()
    {
        var redirectUri = DevelopmentSignInFixture.RedirectUriOnAnyPort();
        using var response = await _browser.AuthorizeAsync(AuthorizationRequest(redirectUri, NewPkce().Challenge));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            $"default-src 'none'; style-src 'self'; form-action 'self' {new Uri(redirectUri).GetLeftPart(UriPartial.Authority)}; " +
            "frame-ancestors 'none'; base-uri 'none'",
            response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<style", html);
        Assert.DoesNotContain("style=", html);
        Assert.DoesNotMatch(@"\son[a-z]+=", html);
        Assert.Contains("<html lang=\"en\">", html);
        Assert.Contains("<main>", html);
        Assert.Contains("<h1>Sign in to DataAccessBroker (development)</h1>", html);
        Assert.Contains("exists only in development", html);
        Assert.All(Forms(html), form => Assert.Equal("/authorize", form.Action));
        Assert.Contains("<link rel=\"stylesheet\" href=\"/authorize.css\">", html);

        using var stylesheet = await _browser.Http.GetAsync("/authorize.css");
        Assert.Equal("text/css", stylesheet.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", stylesheet.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains(":focus-visible", await stylesheet.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_sign_in_page_speaks_norwegian_when_asked()
    {
        var request = AuthorizationRequest(DevelopmentSignInFixture.RegisteredRedirectUri, NewPkce().Challenge);
        request["ui_locales"] = "nb-NO en";

        using var response = await _browser.AuthorizeAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("<html lang=\"nb\">", html);
        Assert.Contains("<h1>Logg inn i DataAccessBroker (utvikling)</h1>", html);
    }

    [Fact]
    public async Task The_form_post_mode_posts_the_code_through_a_script_file_with_a_button_for_no_script()
    {
        var (verifier, challenge) = NewPkce();
        var redirectUri = DevelopmentSignInFixture.RedirectUriOnAnyPort();
        var request = AuthorizationRequest(redirectUri, challenge);
        request["response_mode"] = "form_post";

        using var response = await _browser.SignInAsync(request, "ada", "Applicant");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal(
            $"default-src 'none'; script-src 'self'; style-src 'self'; form-action {new Uri(redirectUri).GetLeftPart(UriPartial.Authority)}; " +
            "frame-ancestors 'none'; base-uri 'none'",
            response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var form = Assert.Single(Forms(html));
        Assert.Equal(redirectUri, form.Action);
        Assert.Equal("state-1", form.Fields["state"]);
        Assert.Contains("<script src=\"/authorize-form-post.js\" defer></script>", html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<script"));
        Assert.Contains(">Continue</button>", html);
        var (redeemed, _) = await _browser.RedeemAsync(form.Fields["code"], redirectUri, verifier);
        Assert.Equal(HttpStatusCode.OK, redeemed.StatusCode);

        using var script = await _browser.Http.GetAsync("/authorize-form-post.js");
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Contains("getElementById(\"authorization-response\").submit()", await script.Content.ReadAsStringAsync());
        Assert.Contains("id=\"authorization-response\"", html);
    }

    [Fact]
    public async Task An_error_in_form_post_mode_is_posted_back_too()
    {
        var redirectUri = DevelopmentSignInFixture.RegisteredRedirectUri;
        var request = AuthorizationRequest(redirectUri, NewPkce().Challenge);
        request["response_mode"] = "form_post";
        request["code_challenge_method"] = "plain";

        using var response = await _browser.AuthorizeAsync(request);
        var form = Assert.Single(Forms(await response.Content.ReadAsStringAsync()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(redirectUri, form.Action);
        Assert.Equal("invalid_request", form.Fields["error"]);
        Assert.Equal("state-1", form.Fields["state"]);
    }

    [Fact]
    public async Task An_altered_sign_in_form_is_refused()
    {
        using var page = await _browser.AuthorizeAsync(AuthorizationRequest(DevelopmentSignInFixture.RegisteredRedirectUri, NewPkce().Challenge));
        var form = FormFor(await page.Content.ReadAsStringAsync(), "ada", "Applicant");
        var sealedRequest = form.Fields["request"];
        var altered = sealedRequest[..20] + (sealedRequest[20] == 'A' ? 'B' : 'A') + sealedRequest[21..];

        using var tampered = await _browser.PostAsync("/authorize", new Dictionary<string, string>(form.Fields) { ["request"] = altered });
        using var forged = await _browser.PostAsync("/authorize", new Dictionary<string, string>(form.Fields) { ["request"] = "bm90IHNlYWxlZA" });
        using var missing = await _browser.PostAsync("/authorize", new Dictionary<string, string> { ["user"] = "ada", ["role"] = "Applicant" });
        using var otherRole = await _browser.PostAsync("/authorize", new Dictionary<string, string>(form.Fields) { ["role"] = "Admin" });

        foreach (var response in new[] { tampered, forged, missing, otherRole })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Null(response.Headers.Location);
            Assert.DoesNotContain("code=", await response.Content.ReadAsStringAsync());
        }

        Assert.Contains("expired or was altered", WebUtility.HtmlDecode(await tampered.Content.ReadAsStringAsync()));
        Assert.Contains("no demo user 'ada' with the role 'Admin'", WebUtility.HtmlDecode(await otherRole.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_sign_in_page_left_open_too_long_is_refused()
    {
        using var page = await _browser.AuthorizeAsync(AuthorizationRequest(DevelopmentSignInFixture.RegisteredRedirectUri, NewPkce().Challenge));
        var form = FormFor(await page.Content.ReadAsStringAsync(), "ada", "Applicant");

        broker.Clock.Advance(TimeSpan.FromMinutes(10));
        using var response = await _browser.PostAsync(form.Action, form.Fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    public static TheoryData<string, string, bool> Logouts() => new()
    {
        { "the registered address", DevelopmentSignInFixture.RegisteredPostLogoutRedirectUri, true },
        { "the registered address on another port", DevelopmentSignInFixture.RedirectUriOnAnyPort("/signout-callback-oidc"), true },
        { "another path", "http://127.0.0.1:5090/elsewhere", false },
        { "the sign-in address", DevelopmentSignInFixture.RegisteredRedirectUri, false },
        { "another host", "http://example.org/signout-callback-oidc", false },
    };

    [Theory]
    [MemberData(nameof(Logouts))]
    public async Task Logout_returns_only_to_a_registered_address(string _, string returnTo, bool returns)
    {
        using var response = await _browser.Http.GetAsync(QueryHelpers.AddQueryString("/logout", new Dictionary<string, string?>
        {
            ["post_logout_redirect_uri"] = returnTo, ["state"] = "s 1", ["client_id"] = DevelopmentSignInFixture.ClientId,
        }));

        if (returns)
        {
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            Assert.Equal(returnTo + "?state=s%201", response.Headers.Location!.OriginalString);
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(response.Headers.Location);
            Assert.Contains("<h1>You are signed out</h1>", await response.Content.ReadAsStringAsync());
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        }
    }

    [Fact]
    public async Task Logout_trusts_the_client_named_by_an_id_token_of_this_issuer_only()
    {
        var (verifier, challenge) = NewPkce();
        var code = await _browser.CodeAsync(DevelopmentSignInFixture.RegisteredRedirectUri, challenge);
        var idToken = (await _browser.RedeemAsync(code, DevelopmentSignInFixture.RegisteredRedirectUri, verifier)).Body
            .GetProperty("id_token").GetString()!;
        var strangersToken = new DevelopmentIssuer(
                new DevelopmentIssuerOptions { Url = broker.IssuerAddress }, broker.Issuer.Audience, TimeProvider.System)
            .Mint([new Claim("sub", "ada")], DateTimeOffset.UtcNow.AddHours(1), audience: DevelopmentSignInFixture.ClientId);
        var otherClientsToken = broker.Issuer.Mint([new Claim("sub", "ada")], DateTimeOffset.UtcNow.AddHours(1), audience: DevelopmentSignInFixture.OtherClientId);

        Task<HttpResponseMessage> LogoutAsync(string hint) => _browser.Http.GetAsync(QueryHelpers.AddQueryString("/logout",
            new Dictionary<string, string?> { ["post_logout_redirect_uri"] = DevelopmentSignInFixture.RegisteredPostLogoutRedirectUri, ["id_token_hint"] = hint }));

        Assert.Equal(HttpStatusCode.Found, (await LogoutAsync(idToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LogoutAsync(strangersToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LogoutAsync(otherClientsToken)).StatusCode);
    }

    [Fact]
    public async Task Discovery_describes_the_code_flow()
    {
        var discovery = await _browser.Http.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        string[] Values(string name) => discovery.GetProperty(name).EnumerateArray().Select(v => v.GetString()!).ToArray();

        Assert.Equal(broker.IssuerAddress, discovery.GetProperty("issuer").GetString());
        Assert.Equal($"{broker.IssuerAddress}/authorize", discovery.GetProperty("authorization_endpoint").GetString());
        Assert.Equal($"{broker.IssuerAddress}/token", discovery.GetProperty("token_endpoint").GetString());
        Assert.Equal($"{broker.IssuerAddress}/logout", discovery.GetProperty("end_session_endpoint").GetString());
        Assert.Equal(["code"], Values("response_types_supported"));
        Assert.Equal(["query", "form_post"], Values("response_modes_supported"));
        Assert.Equal(["authorization_code"], Values("grant_types_supported"));
        Assert.Equal(["S256"], Values("code_challenge_methods_supported"));
        Assert.Equal(["openid", "profile"], Values("scopes_supported"));
        Assert.Equal(["none"], Values("token_endpoint_auth_methods_supported"));
        Assert.Contains("org", Values("claims_supported"));
        Assert.Contains("roles", Values("claims_supported"));
    }

    [Fact]
    public async Task Dab_login_still_gets_a_token_for_any_demo_user_from_json()
    {
        using var response = await _browser.Http.PostAsJsonAsync("/token", new { user = "sigrid", role = "Analyst" });
        using var unknown = await _browser.Http.PostAsJsonAsync("/token", new { user = "nobody" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.False(body.TryGetProperty("id_token", out _));
        Assert.Equal(["Analyst"], new JsonWebToken(body.GetProperty("access_token").GetString()).GetClaims("roles"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("no demo user 'nobody'",
            (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error_description").GetString());
    }

    public void Dispose() => _browser.Dispose();

    private async Task<JsonWebToken> ValidatedIdTokenAsync(string idToken)
    {
        var discovery = await _browser.Http.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        var keys = new JsonWebKeySet(await _browser.Http.GetStringAsync(discovery.GetProperty("jwks_uri").GetString()));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = discovery.GetProperty("issuer").GetString(),
            ValidAudience = DevelopmentSignInFixture.ClientId,
            IssuerSigningKeys = keys.GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        return (JsonWebToken)result.SecurityToken;
    }
}

internal static class JsonWebTokenClaims
{
    public static string[] GetClaims(this JsonWebToken token, string type) =>
        token.Claims.Where(c => c.Type == type).Select(c => c.Value).ToArray();
}
