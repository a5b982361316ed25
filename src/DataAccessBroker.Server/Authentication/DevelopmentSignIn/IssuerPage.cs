namespace DataAccessBroker.Server.Authentication.DevelopmentSignIn;

/// <summary>
/// An HTML page of the issuer with the headers every one of them carries. The Content-Security-Policy lets the page
/// load only the issuer's own stylesheet (and, for the form_post page, its own script), run no inline code, post
/// forms only where the page means to (itself, and the client's redirect URI, which a form's redirect may lead to),
/// and never be framed; nothing is cached, sniffed or given away in a Referer.
/// </summary>
public sealed class IssuerPage(int statusCode, string html, IReadOnlyList<string> formActions, bool runsScript = false) : IResult
{
    public int StatusCode { get; } = statusCode;

    public string ContentSecurityPolicy { get; } = string.Join("; ",
        new[]
        {
            "default-src 'none'",
            runsScript ? "script-src 'self'" : null,
            "style-src 'self'",
            $"form-action {(formActions.Count == 0 ? "'none'" : string.Join(' ', formActions))}",
            "frame-ancestors 'none'",
            "base-uri 'none'",
        }.OfType<string>());

    public Task ExecuteAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = StatusCode;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";
        return response.WriteAsync(html);
    }

    /// <summary>The origin of a URI as a CSP source (scheme, host and port).</summary>
    public static string OriginOf(string uri) => new Uri(uri).GetLeftPart(UriPartial.Authority);
}
