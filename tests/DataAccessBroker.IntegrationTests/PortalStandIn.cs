using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Identity.Web;

namespace DataAccessBroker.IntegrationTests;

/// <summary>
/// A web application that signs in as the portal does (src/DataAccessBroker.Web, Authentication:Mode Development):
/// Microsoft.Identity.Web's OpenID Connect handler, authorization code with PKCE, as the public client
/// <c>dab-portal</c>, on a free loopback port. <c>/me</c> requires a signed-in data owner and tells who it is;
/// <c>/signout</c> signs out of the session and at the issuer.
/// </summary>
public sealed class PortalStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PortalStandIn(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    public string Address { get; }

    public static async Task<PortalStandIn> StartAsync(string issuerAddress)
    {
        var address = $"http://127.0.0.1:{BrokerFixture.FreePort()}";
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        // Not the broker's appsettings that the test directory holds (its Kestrel endpoints): only this address.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Kestrel:Endpoints:Http:Url"] = address });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddAuthentication(OpenIdConnectDefaults.AuthenticationScheme).AddMicrosoftIdentityWebApp(identity =>
        {
            identity.Authority = issuerAddress;
            identity.ClientId = DevelopmentSignInFixture.ClientId;
            // Identity.Web hands the handler token handlers of its own, made with these options: set here, it holds.
            identity.MapInboundClaims = false;
        });
        // Identity.Web's configuration turns the authority into "{authority}/v2.0" (Entra ID's) and leaves
        // RequireHttpsMetadata on; the handler's own post-configuration then builds its metadata manager from them,
        // before any PostConfigure of the application runs. Set after Identity.Web's, as a Configure, these hold.
        builder.Services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, oidc =>
        {
            oidc.Authority = issuerAddress;
            oidc.MetadataAddress = $"{issuerAddress}/.well-known/openid-configuration";
            oidc.RequireHttpsMetadata = false;
        });
        // As the portal's: a public client, PKCE, the access token kept, the issuer's own claim names.
        builder.Services.PostConfigure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, oidc =>
        {
            oidc.ClientSecret = null;
            oidc.SaveTokens = true;
            oidc.TokenValidationParameters.IssuerValidator = null;
            oidc.TokenValidationParameters.ValidIssuer = issuerAddress;
            oidc.ResponseType = "code";
            oidc.UsePkce = true;
            oidc.TokenValidationParameters.RoleClaimType = "roles";
            oidc.TokenValidationParameters.NameClaimType = "name";
            oidc.Events.OnRedirectToIdentityProvider += context =>
            {
                context.ProtocolMessage.UiLocales = "nb-NO";
                return Task.CompletedTask;
            };
            // HttpClient keeps Secure cookies for https only; a browser keeps them for http://127.0.0.1 as well.
            oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.PostConfigure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme,
            cookie => cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/me", (ClaimsPrincipal user) => Results.Json(new
        {
            name = user.Identity!.Name,
            roles = user.FindAll("roles").Select(c => c.Value),
            organisation = user.FindFirstValue("org"),
        })).RequireAuthorization(policy => policy.RequireRole("DataOwner"));
        // The explicit Task<string>: a lambda returning a plain Task would be taken for a RequestDelegate, its answer dropped.
        app.MapGet("/access-token", async Task<string?> (HttpContext context) => await context.GetTokenAsync("access_token"))
            .RequireAuthorization();
        app.MapGet("/signout", (HttpContext context) => Results.SignOut(
            new AuthenticationProperties { RedirectUri = "/signed-out" },
            [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]));
        app.MapGet("/signed-out", () => "signed out");
        await app.StartAsync();
        return new PortalStandIn(app, address);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
