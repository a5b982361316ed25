namespace DataAccessBroker.Server.Authentication.DevelopmentSignIn;

/// <summary>
/// A 302 back to a client that no cache keeps and that sends no Referer on: its Location may carry an authorization
/// code or a state.
/// </summary>
public sealed class NoStoreRedirect(string location) : IResult
{
    public string Location { get; } = location;

    public Task ExecuteAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = Location;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        return Task.CompletedTask;
    }
}
