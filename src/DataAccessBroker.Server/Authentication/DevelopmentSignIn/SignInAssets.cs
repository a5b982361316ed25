namespace DataAccessBroker.Server.Authentication.DevelopmentSignIn;

/// <summary>The stylesheet and the script of the issuer's pages, embedded in the broker (Assets/).</summary>
public static class SignInAssets
{
    private static readonly byte[] Stylesheet = Read("authorize.css");
    private static readonly byte[] FormPostScript = Read("authorize-form-post.js");

    public static IResult StylesheetFile() => new AssetResult(Stylesheet, "text/css; charset=utf-8");

    public static IResult FormPostScriptFile() => new AssetResult(FormPostScript, "text/javascript; charset=utf-8");

    private static byte[] Read(string name)
    {
        using var stream = typeof(SignInAssets).Assembly.GetManifestResourceStream($"DevelopmentSignIn.{name}")
            ?? throw new InvalidOperationException($"the embedded resource DevelopmentSignIn.{name} is missing");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The file, which browsers must take for what its type says (nosniff: a stylesheet is never run).</summary>
    private sealed class AssetResult(byte[] content, string contentType) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.ContentType = contentType;
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers.CacheControl = "no-cache";
            return context.Response.Body.WriteAsync(content).AsTask();
        }
    }
}
