using System.Security.Cryptography;

namespace DataAccessBroker.Web.Composition;

/// <summary>
/// The portal's stylesheet, compiled into the assembly so the portal serves it from any content root (the tests host
/// it from their own folder), under a versioned address the browser may cache for good.
/// </summary>
public static class PortalAssets
{
    private static readonly byte[] Stylesheet = Read("portal.css");

    public static readonly string StylesheetUrl =
        $"/assets/portal.css?v={Convert.ToHexStringLower(SHA256.HashData(Stylesheet))[..12]}";

    public static void MapPortalAssets(this WebApplication app) =>
        app.MapGet("/assets/portal.css", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.Bytes(Stylesheet, "text/css; charset=utf-8");
        }).AllowAnonymous();

    private static byte[] Read(string name)
    {
        using var stream = typeof(PortalAssets).Assembly.GetManifestResourceStream($"DataAccessBroker.Web.Assets.{name}")
            ?? throw new InvalidOperationException($"the embedded asset {name} is missing");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
