using DataAccessBroker.Web.Composition;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataAccessBroker.IntegrationTests.Portal;

/// <summary>
/// The portal as production composes it (Entra ID through Microsoft.Identity.Web, built but not started): its cookies
/// are Secure-only, the sign-in is the code flow with PKCE, and the development sign-in is refused outright.
/// </summary>
public sealed class PortalCompositionTests
{
    [Fact]
    public void In_production_every_cookie_is_secure_and_sign_in_is_the_code_flow_with_pkce()
    {
        using var app = Build("Production", new()
        {
            ["Authentication:Mode"] = "EntraId",
            ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
            ["AzureAd:TenantId"] = "0d9e1c5a-2a0e-4c39-8a0f-6b6f3c1e2d40",
            ["AzureAd:ClientId"] = "4b1f6f7e-9c2d-4e59-bb8a-2f3e4d5c6b7a",
        });
        var cookie = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            .Get(CookieAuthenticationDefaults.AuthenticationScheme);
        Assert.Equal(CookieSecurePolicy.Always, cookie.Cookie.SecurePolicy);
        Assert.True(cookie.Cookie.HttpOnly);
        Assert.Equal(CookieSecurePolicy.Always, app.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.SecurePolicy);

        var oidc = app.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OpenIdConnectDefaults.AuthenticationScheme);
        Assert.Equal("code", oidc.ResponseType);
        Assert.True(oidc.UsePkce);
        Assert.Equal("roles", oidc.TokenValidationParameters.RoleClaimType);
    }

    [Fact]
    public void The_development_sign_in_is_refused_in_production()
    {
        var refusal = Assert.Throws<InvalidOperationException>(() => Build("Production", new() { ["Authentication:Mode"] = "Development" }));
        Assert.Contains("refused in Production", refusal.Message);
    }

    private static WebApplication Build(string environment, Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = environment,
            ApplicationName = typeof(PortalComposition).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPortal();
        return builder.Build();
    }
}
