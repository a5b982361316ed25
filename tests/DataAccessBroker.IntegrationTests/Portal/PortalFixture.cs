using DataAccessBroker.Web.Composition;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;

namespace DataAccessBroker.IntegrationTests.Portal;

/// <summary>
/// The portal's real composition (what its Program.cs calls) on a loopback port, signed in through the broker's
/// development issuer and talking to that broker over gRPC; and headless Chromium, one browser context per user.
/// </summary>
public class PortalFixture : IAsyncLifetime
{
    private WebApplication? _portal;
    private IPlaywright? _playwright;

    public PortalFixture() => Broker = new PortalBroker(BrokerSettings);

    public BrokerFixture Broker { get; }

    /// <summary>Settings a fixture adds to the broker's (a short token lifetime, say).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> BrokerSettings => [];
    public string Address { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Broker.InitializeAsync();
        Address = $"http://127.0.0.1:{BrokerFixture.FreePort()}";
        _portal = await StartPortalAsync(Address, Broker.GrpcAddress, Broker.IssuerAddress);
        _playwright = await Playwright.CreateAsync();
        Browser = await SystemChromium.LaunchAsync(_playwright);
    }

    /// <summary>Builds and starts the portal as its Program.cs does, configured in memory.</summary>
    public static async Task<WebApplication> StartPortalAsync(string address, string broker, string issuer)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Development",
            // The Razor Pages live in the portal's assembly, not in the test host's.
            ApplicationName = typeof(PortalComposition).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // Only these settings: the test folder's appsettings are the broker's (its Kestrel endpoints among them).
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Http:Url"] = address,
            ["Broker:Address"] = broker,
            ["Authentication:Mode"] = "Development",
            ["Authentication:Development:Authority"] = issuer,
            ["Authentication:Development:ClientId"] = "dab-portal",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddPortal();
        var app = builder.Build();
        app.MapPortal();
        await app.StartAsync();
        return app;
    }

    /// <summary>A browser context of one's own (cookies, language, screen), not yet signed in.</summary>
    public async Task<IPage> OpenAsync(string locale = "en-GB", int width = 1280)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = locale,
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            BaseURL = Address,
        });
        return await context.NewPageAsync();
    }

    /// <summary>Signs a demo user in through the real code flow: the portal, the issuer's page, back to the portal.</summary>
    public async Task<IPage> SignInAsync(string user, string locale = "en-GB", int width = 1280)
    {
        var page = await OpenAsync(locale, width);
        await page.GotoAsync("/");
        await PickUserAsync(page, user);
        return page;
    }

    /// <summary>On the issuer's sign-in page: choose the demo user, and wait to be back at the portal.</summary>
    public async Task PickUserAsync(IPage page, string user)
    {
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex($"^{user}\\b") }).ClickAsync();
        try
        {
            await page.WaitForURLAsync(url => url.StartsWith(Address, StringComparison.Ordinal) && !url.Contains("/signin-oidc"));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{user} never got back to the portal; the browser is at {page.Url}: {await page.Locator("body").InnerTextAsync()}", e);
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_portal is not null) await _portal.DisposeAsync();
        await Broker.DisposeAsync();
    }

    /// <summary>The broker with the portal registered as a client, and the users the journeys need beyond the usual.</summary>
    private sealed class PortalBroker(IEnumerable<KeyValuePair<string, string?>> extra) : BrokerFixture
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            .. extra,
            new("Authentication:DevelopmentIssuer:Clients:0:ClientId", "dab-portal"),
            new("Authentication:DevelopmentIssuer:Clients:0:RedirectUris:0", "http://127.0.0.1/signin-oidc"),
            new("Authentication:DevelopmentIssuer:Clients:0:PostLogoutRedirectUris:0", "http://127.0.0.1/signout-callback-oidc"),
            .. DemoUser(10, "kim", "DataOwner", "kreftregisteret"),
            .. DemoUser(11, "admin", "Admin", "dab"),
            .. DemoUser(12, "olga", "Auditor", "helsetilsynet"),
        ];

        private static IEnumerable<KeyValuePair<string, string?>> DemoUser(int index, string name, string role, string organisation) =>
        [
            new($"Authentication:DevelopmentIssuer:Users:{index}:Name", name),
            new($"Authentication:DevelopmentIssuer:Users:{index}:DisplayName", name),
            new($"Authentication:DevelopmentIssuer:Users:{index}:Roles:0", role),
            new($"Authentication:DevelopmentIssuer:Users:{index}:Organisation", organisation),
        ];
    }
}
