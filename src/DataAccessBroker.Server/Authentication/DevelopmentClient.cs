using DataAccessBroker.Server.Authentication.DevelopmentSignIn;

namespace DataAccessBroker.Server.Authentication;

/// <summary>
/// An application registered with the development issuer (<c>Authentication:DevelopmentIssuer:Clients</c>): a public
/// client, with no secret, that signs users in through the authorization-code flow and must prove with PKCE that it
/// started the flow it finishes. It may be sent back only to the addresses registered here (<see cref="RedirectUriRule"/>).
/// </summary>
public sealed class DevelopmentClient
{
    public string ClientId { get; set; } = "";

    /// <summary>Where the authorization response (the code) may go, e.g. <c>http://127.0.0.1:5090/signin-oidc</c>.</summary>
    public List<string> RedirectUris { get; set; } = [];

    /// <summary>Where the browser may go after signing out, e.g. <c>http://127.0.0.1:5090/signout-callback-oidc</c>.</summary>
    public List<string> PostLogoutRedirectUris { get; set; } = [];

    public bool MayRedirectTo(string uri) => RedirectUris.Any(registered => RedirectUriRule.Matches(registered, uri));

    public bool MayReturnAfterLogoutTo(string uri) =>
        PostLogoutRedirectUris.Any(registered => RedirectUriRule.Matches(registered, uri));
}
