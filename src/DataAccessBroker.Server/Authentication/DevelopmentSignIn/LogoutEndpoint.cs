using Microsoft.AspNetCore.WebUtilities;

namespace DataAccessBroker.Server.Authentication.DevelopmentSignIn;

/// <summary>
/// <c>GET /logout</c> (OpenID Connect RP-Initiated Logout 1.0). The issuer keeps no session, so there is nothing to
/// end here; it only sends the browser back to the client, and only to an address that client registered for the
/// purpose (the client named by <c>client_id</c> or by the ID token in <c>id_token_hint</c>; any registered client
/// when neither is given). Anywhere else, it shows that the user is signed out and stays.
/// </summary>
public sealed class LogoutEndpoint(DevelopmentIssuer issuer, DevelopmentIssuerOptions options)
{
    public async Task<IResult> SignOutAsync(HttpRequest request)
    {
        var query = request.Query;
        var text = SignInText.In(SignInText.LanguageOf(query["ui_locales"]));
        var returnTo = query["post_logout_redirect_uri"].ToString();
        if (returnTo.Length == 0) return SignInPages.SignedOut(text);

        var clientId = query["client_id"].ToString();
        var hint = query["id_token_hint"].ToString();
        if (clientId.Length == 0 && hint.Length > 0)
        {
            // A hint that is not this issuer's names no client, and so no address to return to.
            clientId = await issuer.ClientOfIdTokenHintAsync(hint) ?? "";
            if (clientId.Length == 0) return SignInPages.SignedOut(text);
        }

        var candidates = clientId.Length > 0 ? options.Clients.Where(c => c.ClientId == clientId) : options.Clients;
        if (!candidates.Any(c => c.MayReturnAfterLogoutTo(returnTo))) return SignInPages.SignedOut(text);

        var state = query["state"].ToString();
        return new NoStoreRedirect(state.Length > 0 ? QueryHelpers.AddQueryString(returnTo, "state", state) : returnTo);
    }
}
