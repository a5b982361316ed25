namespace DataAccessBroker.Server.Authentication.DevelopmentSignIn;

/// <summary>
/// The development issuer's OpenID Connect sign-in: the authorization-code flow with PKCE for the registered clients
/// (<c>Authentication:DevelopmentIssuer:Clients</c>), so that the portal signs users in through the standard OpenID
/// Connect handler exactly as it does against Entra ID. Registered only with the development issuer, which is refused
/// in Production.
/// </summary>
public static class DevelopmentSignInSetup
{
    public static void AddDevelopmentSignIn(this IServiceCollection services, DevelopmentIssuerOptions options)
    {
        CheckClients(options.Clients);
        services.AddSingleton(options);
        services.AddSingleton(sp => new AuthorizationCodeStore(
            sp.GetRequiredService<TimeProvider>(), options.AuthorizationCodeLifetime));
        services.AddSingleton(sp => new SignInRequestProtector(
            sp.GetRequiredService<TimeProvider>(), options.SignInPageLifetime));
        services.AddSingleton<AuthorizationEndpoint>();
        services.AddSingleton<TokenEndpoint>();
        services.AddSingleton<LogoutEndpoint>();
    }

    /// <summary>The endpoints, on the issuer's group (its own host and port, anonymous).</summary>
    public static void MapDevelopmentSignIn(this RouteGroupBuilder issuer)
    {
        issuer.MapGet("/authorize", (HttpRequest request, AuthorizationEndpoint endpoint) => endpoint.Begin(request));
        issuer.MapPost("/authorize", (HttpRequest request, AuthorizationEndpoint endpoint) => endpoint.ChooseAsync(request));
        issuer.MapPost("/token", (HttpRequest request, TokenEndpoint endpoint) => endpoint.HandleAsync(request));
        issuer.MapGet("/logout", (HttpRequest request, LogoutEndpoint endpoint) => endpoint.SignOutAsync(request));
        issuer.MapGet(SignInPages.StylesheetPath, SignInAssets.StylesheetFile);
        issuer.MapGet(SignInPages.FormPostScriptPath, SignInAssets.FormPostScriptFile);
    }

    /// <summary>A client the issuer could never send anyone back to is a configuration mistake: say so at start-up.</summary>
    private static void CheckClients(IReadOnlyList<DevelopmentClient> clients)
    {
        foreach (var client in clients)
        {
            if (string.IsNullOrWhiteSpace(client.ClientId))
            {
                throw new InvalidOperationException("Authentication:DevelopmentIssuer:Clients: a client without a ClientId.");
            }

            if (clients.Count(c => c.ClientId == client.ClientId) > 1)
            {
                throw new InvalidOperationException(
                    $"Authentication:DevelopmentIssuer:Clients: the ClientId '{client.ClientId}' is registered twice.");
            }

            var unusable = client.RedirectUris.Concat(client.PostLogoutRedirectUris).FirstOrDefault(u => !RedirectUriRule.IsUsable(u));
            if (unusable is not null)
            {
                throw new InvalidOperationException(
                    $"Authentication:DevelopmentIssuer:Clients: '{unusable}' of '{client.ClientId}' is not an absolute " +
                    "http(s) URI without a fragment.");
            }
        }
    }
}
