using DataAccessBroker.Web.Broker;
using DataAccessBroker.Web.Sessions;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Identity.Abstractions;
using Microsoft.Identity.Web;

namespace DataAccessBroker.Web.Composition;

/// <summary>
/// Sign-in through Microsoft.Identity.Web: the OpenID Connect authorization-code flow with PKCE into a cookie session.
/// In production against Entra ID, with token acquisition for the broker's API on the user's behalf (MSAL, tokens in
/// the distributed cache). In development the same handler and flow run against the broker's development issuer, whose
/// token response already carries the broker's access token; it is kept in the session, read through the same
/// <see cref="IAuthorizationHeaderProvider"/> seam that MSAL fills in production.
/// </summary>
public static class PortalAuthentication
{
    public static void AddPortalAuthentication(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Authentication");
        var options = section.Get<PortalAuthenticationOptions>() ?? new PortalAuthenticationOptions();
        builder.Services.Configure<PortalAuthenticationOptions>(section);
        var authentication = builder.Services.AddAuthentication(OpenIdConnectDefaults.AuthenticationScheme);

        switch (options.Mode)
        {
            case PortalAuthenticationOptions.EntraIdMode:
                authentication
                    .AddMicrosoftIdentityWebApp(builder.Configuration.GetSection("AzureAd"))
                    .EnableTokenAcquisitionToCallDownstreamApi(options.BrokerScopes)
                    .AddDistributedTokenCaches();
                builder.Services.AddScoped<IBrokerAccessToken, AcquiredBrokerAccessToken>();
                break;
            case PortalAuthenticationOptions.DevelopmentMode:
                if (builder.Environment.IsProduction())
                {
                    throw new InvalidOperationException(
                        "The development sign-in is refused in Production. Set Authentication:Mode to EntraId and " +
                        "configure the AzureAd section.");
                }

                var development = options.Development;
                authentication.AddMicrosoftIdentityWebApp(identity =>
                {
                    identity.Authority = development.Authority;
                    identity.ClientId = development.ClientId;
                    identity.RequireHttpsMetadata = false;
                });
                builder.Services.PostConfigure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, oidc =>
                {
                    // A public client: no secret, the code bound to this browser by PKCE; the issuer's token
                    // response carries the broker's access token, which the session keeps.
                    oidc.Authority = development.Authority;
                    oidc.MetadataAddress = $"{development.Authority.TrimEnd('/')}/.well-known/openid-configuration";
                    oidc.ClientSecret = null;
                    oidc.SaveTokens = true;
                    oidc.TokenValidationParameters.IssuerValidator = null;
                    oidc.TokenValidationParameters.ValidIssuer = development.Authority.TrimEnd('/');
                });
                builder.Services.AddScoped<IBrokerAccessToken, SessionBrokerAccessToken>();
                break;
            default:
                throw new InvalidOperationException(
                    $"Authentication:Mode '{options.Mode}' is unknown; use EntraId or Development.");
        }

        builder.Services.PostConfigure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, oidc =>
        {
            oidc.ResponseType = "code";
            oidc.UsePkce = true;
            oidc.MapInboundClaims = false;
            oidc.TokenValidationParameters.RoleClaimType = "roles";
            oidc.TokenValidationParameters.NameClaimType = "name";
            oidc.Events.OnRedirectToIdentityProvider += SignInEvents.KeepUnsavedFormAndLanguage;
            oidc.Events.OnRemoteFailure += SignInEvents.ExplainFailure;
        });
        builder.Services.PostConfigure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, cookie =>
        {
            cookie.Cookie.Name = "dab.session";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.ExpireTimeSpan = options.SessionLifetime;
            cookie.SlidingExpiration = false;
            // A page the role may not open answers 403 with an explaining page, never a redirect to a login loop.
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(PortalRoles.Researchers, p => p.RequireRole(PortalRoles.Applicant))
            .AddPolicy(PortalRoles.Reviewers, p => p.RequireRole(PortalRoles.ReviewerRoles))
            .AddPolicy(PortalRoles.Analysts, p => p.RequireRole(PortalRoles.Analyst))
            .AddPolicy(PortalRoles.Admins, p => p.RequireRole(PortalRoles.Admin));
    }
}
