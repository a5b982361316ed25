namespace DataAccessBroker.Web.Composition;

/// <summary>
/// The headers every answer carries, error pages included (set as the response starts, after any handler cleared
/// it). The content security policy allows scripts and styles from the portal's own files only (no inline script or
/// style anywhere), forms to post to the portal and to the identity provider (sign-in and sign-out continue there by
/// redirect, which the browser checks against <c>form-action</c>), and no framing.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next, IConfiguration configuration)
{
    private readonly string _policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        $"connect-src 'self'; form-action 'self' {IdentityProviderOrigin(configuration)}; frame-ancestors 'none'; " +
        "base-uri 'self'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = _policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    }

    /// <summary>The identity provider's origin, which forms may continue to.</summary>
    private static string IdentityProviderOrigin(IConfiguration configuration)
    {
        var options = configuration.GetSection("Authentication").Get<PortalAuthenticationOptions>() ?? new();
        var authority = options.Mode == PortalAuthenticationOptions.DevelopmentMode
            ? options.Development.Authority
            : configuration["AzureAd:Instance"] ?? "https://login.microsoftonline.com/";
        return new Uri(authority).GetLeftPart(UriPartial.Authority);
    }
}
