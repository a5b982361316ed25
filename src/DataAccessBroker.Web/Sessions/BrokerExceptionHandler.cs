using DataAccessBroker.Web.Broker;
using Grpc.Core;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Diagnostics;

namespace DataAccessBroker.Web.Sessions;

/// <summary>
/// The broker's refusals that no page handles itself: an ended session sends the user to sign in again (keeping a
/// posted form), and the rest become the status pages (403, 404, 409, 503) instead of an error trace.
/// </summary>
public sealed class BrokerExceptionHandler(ILogger<BrokerExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var rpc = exception as RpcException ?? exception.InnerException as RpcException;
        var expired = exception is SessionExpiredException || exception.InnerException is SessionExpiredException
            || rpc?.StatusCode == StatusCode.Unauthenticated;
        if (expired)
        {
            // Signing in again comes back to this page; the sign-in's redirect keeps a posted form on the way. Both
            // need the page's own path, which the exception handler has by now replaced with its error page's.
            if (context.Features.Get<IExceptionHandlerPathFeature>()?.Path is { Length: > 0 } original) context.Request.Path = original;
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            await context.ChallengeAsync(OpenIdConnectDefaults.AuthenticationScheme,
                new AuthenticationProperties { RedirectUri = context.Request.Path + context.Request.QueryString });
            return true;
        }

        if (rpc is null) return false;
        context.Response.StatusCode = rpc.StatusCode switch
        {
            StatusCode.NotFound => StatusCodes.Status404NotFound,
            StatusCode.PermissionDenied => StatusCodes.Status403Forbidden,
            StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange => StatusCodes.Status400BadRequest,
            StatusCode.Aborted => StatusCodes.Status409Conflict,
            StatusCode.ResourceExhausted => StatusCodes.Status413PayloadTooLarge,
            _ => StatusCodes.Status503ServiceUnavailable,
        };
        // Not found and refused are answers; anything else no page handled is worth a look.
        if (rpc.StatusCode is not (StatusCode.NotFound or StatusCode.PermissionDenied))
        {
            log.LogWarning("The broker refused or failed {Path}: {Status} {Detail}", context.Request.Path, rpc.StatusCode, rpc.Status.Detail);
        }

        // The status page for the code (UseStatusCodePagesWithReExecute) explains it in the user's language.
        return true;
    }
}
