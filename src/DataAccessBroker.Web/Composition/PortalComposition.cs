using DataAccessBroker.Web.Broker;
using DataAccessBroker.Web.Sessions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc;

namespace DataAccessBroker.Web.Composition;

public static class PortalComposition
{
    public static void AddPortal(this WebApplicationBuilder builder)
    {
        builder.AddPortalAuthentication();
        builder.Services.AddBrokerClients(builder.Configuration);
        builder.Services.AddPortalLocalization();
        // Forms kept across a new sign-in; the token cache in production. Behind several portal instances, configure a
        // shared cache (Redis, SQL Server) instead of this in-memory one.
        builder.Services.AddDistributedMemoryCache();
        builder.Services.AddSingleton<UnsavedForms>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddExceptionHandler<BrokerExceptionHandler>();
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "dab.antiforgery";
            // Antiforgery refuses to run over plain HTTP with a Secure-only cookie, and development serves the portal
            // on http://127.0.0.1; the session cookie stays Secure there too (browsers keep it on loopback).
            options.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        builder.Services.Configure<CookieTempDataProviderOptions>(options =>
        {
            options.Cookie.Name = "dab.notice";
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        });
        builder.Services.AddRazorPages(options =>
            {
                options.Conventions.AuthorizeFolder("/Applications", PortalRoles.Researchers);
                options.Conventions.AuthorizeFolder("/Review", PortalRoles.Reviewers);
                options.Conventions.AuthorizeFolder("/Statistics", PortalRoles.Analysts);
                options.Conventions.AuthorizeFolder("/Admin", PortalRoles.Admins);
                options.Conventions.AllowAnonymousToPage("/Account/SignedOut");
                options.Conventions.AllowAnonymousToPage("/Account/SignInFailed");
                options.Conventions.AllowAnonymousToPage("/Error");
                options.Conventions.AllowAnonymousToPage("/Language");
                options.Conventions.ConfigureFilter(new MalformedTextFilter());
            })
            // The broker checks every field and says what is wrong; the portal adds no rules of its own (a non-nullable
            // string is not "required" here).
            .AddMvcOptions(options => options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true)
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(options =>
                options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
    }

    public static void MapPortal(this WebApplication app)
    {
        app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        app.UseExceptionHandler("/Error");
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseMiddleware<SecurityHeaders>();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapPortalAssets();
        app.MapRazorPages();
        app.Lifetime.ApplicationStarted.Register(() => AnnounceReady(app));
    }

    /// <summary>One line when the portal listens, with the address to open (the README's start waits for it).</summary>
    private static void AnnounceReady(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        app.Logger.LogInformation("DataAccessBroker portal ready ({Environment}): open {Addresses}",
            app.Environment.EnvironmentName, string.Join(", ", addresses));
    }
}
