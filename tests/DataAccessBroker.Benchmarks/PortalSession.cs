using System.Net;
using System.Text.RegularExpressions;

namespace DataAccessBroker.Benchmarks;

/// <summary>
/// One user's browser, as far as the portal can tell: signs in through the real OpenID Connect code flow (the portal's
/// redirect, the development issuer's page, its form_post back) and keeps the cookies itself, Secure ones included
/// (the portal runs on http://127.0.0.1 here, where browsers keep them; HttpClient's cookie container would not).
/// </summary>
public sealed partial class PortalSession(HttpClient http, Uri portal) 
{
    private readonly Dictionary<string, string> _cookies = [];

    public async Task SignInAsync(string user)
    {
        // The portal sends an anonymous visitor to the issuer; the issuer's page has one form per demo user.
        var response = await SendAsync(HttpMethod.Get, new Uri(portal, "/"));
        var authorize = response.Headers.Location ?? throw Unexpected("no redirect to the issuer", response);
        var page = await (await SendAsync(HttpMethod.Get, authorize)).Content.ReadAsStringAsync();
        var form = Forms().Matches(page).Select(m => m.Value)
            .FirstOrDefault(f => f.Contains($"name=\"user\" value=\"{user}\"", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"the issuer's page offers no '{user}'");
        var chosen = await PostFormAsync(new Uri(authorize, "/authorize"), form);

        // form_post: a page whose form carries the code to the portal's callback.
        var callback = await chosen.Content.ReadAsStringAsync();
        var action = Action().Match(callback);
        if (!action.Success) throw Unexpected("no form_post page from the issuer", chosen);
        var signedIn = await PostFormAsync(new Uri(WebUtility.HtmlDecode(action.Groups[1].Value)), callback);
        if (signedIn.StatusCode != HttpStatusCode.Redirect || !_cookies.Keys.Any(k => k.StartsWith("dab.session", StringComparison.Ordinal)))
        {
            throw Unexpected("the portal's callback did not sign in", signedIn);
        }
    }

    /// <summary>A page as a browser would fetch it; the status, to check the answer is the page and not a refusal.</summary>
    public async Task<HttpStatusCode> GetAsync(string path)
    {
        using var response = await SendAsync(HttpMethod.Get, new Uri(portal, path));
        await response.Content.LoadIntoBufferAsync();
        return response.StatusCode;
    }

    private async Task<HttpResponseMessage> PostFormAsync(Uri target, string form)
    {
        var fields = Hidden().Matches(form).Select(m =>
            KeyValuePair.Create(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value)));
        return await SendAsync(HttpMethod.Post, target, new FormUrlEncodedContent(fields), origin: target);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri target, HttpContent? content = null, Uri? origin = null)
    {
        var request = new HttpRequestMessage(method, target) { Content = content };
        if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        if (origin is not null) request.Headers.Add("Origin", origin.GetLeftPart(UriPartial.Authority));
        var response = await http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
        {
            foreach (var cookie in set)
            {
                var pair = cookie.Split(';', 2)[0].Split('=', 2);
                // One jar for the portal and the issuer: both are 127.0.0.1, and their cookie names differ.
                if (cookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)) _cookies.Remove(pair[0]);
                else _cookies[pair[0]] = pair.Length > 1 ? pair[1] : "";
            }
        }

        return response;
    }

    private static InvalidOperationException Unexpected(string what, HttpResponseMessage response) =>
        new($"{what}: HTTP {(int)response.StatusCode} from {response.RequestMessage?.RequestUri}");

    [GeneratedRegex("""<form method="post" action="/authorize">.*?</form>""", RegexOptions.Singleline)]
    private static partial Regex Forms();

    [GeneratedRegex("""<form id="authorization-response" method="post" action="([^"]+)">""")]
    private static partial Regex Action();

    [GeneratedRegex("""<input type="hidden" name="([^"]+)" value="([^"]*)">""")]
    private static partial Regex Hidden();
}
