using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace DataAccessBroker.Web.Sessions;

/// <summary>What the portal adds to the OpenID Connect handler's events.</summary>
public static class SignInEvents
{
    /// <summary>
    /// Before the browser leaves for the identity provider: keep a form whose post found the session ended, and ask
    /// the provider to speak the portal's current language.
    /// </summary>
    public static async Task KeepUnsavedFormAndLanguage(RedirectContext context)
    {
        await context.HttpContext.RequestServices.GetRequiredService<UnsavedForms>().KeepAsync(context.HttpContext);
        context.ProtocolMessage.UiLocales = CultureInfo.CurrentUICulture.Name;
    }

    /// <summary>A sign-in that failed at the provider (refused, cancelled, stale) ends on a page that says so.</summary>
    public static Task ExplainFailure(RemoteFailureContext context)
    {
        context.Response.Redirect("/Account/SignInFailed");
        context.HandleResponse();
        return Task.CompletedTask;
    }
}
