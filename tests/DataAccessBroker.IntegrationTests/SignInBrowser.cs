using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using DataAccessBroker.Server.Authentication.DevelopmentSignIn;
using Microsoft.AspNetCore.WebUtilities;

namespace DataAccessBroker.IntegrationTests;

/// <summary>
/// The authorization-code flow by hand, over HTTP against the development issuer, as a browser and a client would run
/// it: no redirects followed, every step's answer there to be looked at.
/// </summary>
public sealed partial class SignInBrowser(string issuerAddress) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        BaseAddress = new Uri(issuerAddress),
    };

    public HttpClient Http => _http;

    public static (string Verifier, string Challenge) NewPkce()
    {
        var verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (verifier, Pkce.ChallengeOf(verifier));
    }

    /// <summary>A complete, valid authorization request; a test overrides or removes (null) what it wants to break.</summary>
    public static Dictionary<string, string?> AuthorizationRequest(
        string redirectUri, string challenge, string state = "state-1", string nonce = "nonce-1") => new()
    {
        ["client_id"] = DevelopmentSignInFixture.ClientId,
        ["redirect_uri"] = redirectUri,
        ["response_type"] = "code",
        ["scope"] = "openid profile",
        ["state"] = state,
        ["nonce"] = nonce,
        ["code_challenge"] = challenge,
        ["code_challenge_method"] = "S256",
    };

    public Task<HttpResponseMessage> AuthorizeAsync(IDictionary<string, string?> parameters) =>
        _http.GetAsync(QueryHelpers.AddQueryString("/authorize", parameters.Where(p => p.Value is not null)));

    /// <summary>The sign-in page's forms: one per demo user and role.</summary>
    public static IReadOnlyList<HtmlForm> Forms(string html) =>
        FormPattern().Matches(html).Select(form => new HtmlForm(
            WebUtility.HtmlDecode(Attribute(form.Groups["attributes"].Value, "action")!),
            InputPattern().Matches(form.Groups["content"].Value)
                .Select(input => input.Value)
                .Where(input => Attribute(input, "name") is not null)
                .ToDictionary(input => Attribute(input, "name")!, input => WebUtility.HtmlDecode(Attribute(input, "value") ?? "")))).ToList();

    public static HtmlForm FormFor(string html, string user, string role) =>
        Forms(html).Single(f => f.Fields.GetValueOrDefault("user") == user && f.Fields.GetValueOrDefault("role") == role);

    public Task<HttpResponseMessage> PostAsync(string action, IDictionary<string, string> fields) =>
        _http.PostAsync(action, new FormUrlEncodedContent(fields));

    /// <summary>Through the sign-in page as <paramref name="user"/> in <paramref name="role"/>: the response that carries the code.</summary>
    public async Task<HttpResponseMessage> SignInAsync(IDictionary<string, string?> request, string user, string role)
    {
        using var page = await AuthorizeAsync(request);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var form = FormFor(await page.Content.ReadAsStringAsync(), user, role);
        return await PostAsync(form.Action, form.Fields);
    }

    /// <summary>A code issued to <paramref name="redirectUri"/> (query response mode), after checking the redirect.</summary>
    public async Task<string> CodeAsync(string redirectUri, string challenge, string user = "ada", string role = "Applicant")
    {
        using var response = await SignInAsync(AuthorizationRequest(redirectUri, challenge), user, role);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith(redirectUri + "?", location);
        var query = QueryHelpers.ParseQuery(new Uri(location).Query);
        Assert.Equal("state-1", query["state"].ToString());
        return query["code"].ToString();
    }

    public async Task<(HttpResponseMessage Response, JsonElement Body)> RedeemAsync(
        string code, string redirectUri, string verifier, string clientId = DevelopmentSignInFixture.ClientId)
    {
        var response = await _http.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirectUri,
            ["client_id"] = clientId, ["code_verifier"] = verifier,
        }));
        return (response, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    public void Dispose() => _http.Dispose();

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $"\\b{name}=\"(?<value>[^\"]*)\"");
        return match.Success ? match.Groups["value"].Value : null;
    }

    [GeneratedRegex("<form(?<attributes>[^>]*)>(?<content>.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("<input\\b[^>]*>")]
    private static partial Regex InputPattern();

    public sealed record HtmlForm(string Action, Dictionary<string, string> Fields);
}
