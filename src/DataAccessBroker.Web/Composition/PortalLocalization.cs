using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace DataAccessBroker.Web.Composition;

/// <summary>
/// Bokmål and English. The language chosen with the switch (a cookie) wins; otherwise the browser's: any Norwegian
/// (nb, nn, no, with or without a region) is shown in bokmål, English as English; bokmål when the browser names neither.
/// </summary>
public static class PortalLocalization
{
    public static readonly CultureInfo Bokmal = new("nb");
    public static readonly CultureInfo English = new("en");
    public static readonly CultureInfo[] Supported = [Bokmal, English];

    public static void AddPortalLocalization(this IServiceCollection services)
    {
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Bokmal);
            options.SupportedCultures = Supported;
            options.SupportedUICultures = Supported;
            options.RequestCultureProviders =
            [
                new CookieRequestCultureProvider(),
                new CustomRequestCultureProvider(context => Task.FromResult(FromBrowser(context))),
            ];
        });
    }

    /// <summary>The first language in the browser's list that the portal speaks.</summary>
    private static ProviderCultureResult? FromBrowser(HttpContext context)
    {
        var languages = context.Request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1.0)
            .Select(l => l.Value.Value?.Split('-')[0].ToLowerInvariant());
        foreach (var language in languages)
        {
            if (language is "nb" or "nn" or "no") return new ProviderCultureResult(Bokmal.Name);
            if (language == "en") return new ProviderCultureResult(English.Name);
        }

        return null;
    }
}
