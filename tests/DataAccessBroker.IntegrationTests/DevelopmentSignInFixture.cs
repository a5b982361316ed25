using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DataAccessBroker.IntegrationTests;

/// <summary>
/// A broker whose development issuer has the portal registered as a client, as appsettings.Development.json has it,
/// a demo user with two roles, and a clock the tests move (to let codes and sign-in pages expire).
/// </summary>
public sealed class DevelopmentSignInFixture : BrokerFixture
{
    public const string ClientId = "dab-portal";
    public const string OtherClientId = "other-portal";
    public const string RegisteredRedirectUri = "http://127.0.0.1:5090/signin-oidc";
    public const string RegisteredPostLogoutRedirectUri = "http://127.0.0.1:5090/signout-callback-oidc";

    /// <summary>
    /// An hour behind the wall clock: tokens are validated against the wall clock (by the broker and the client), so a
    /// clock that tests move forward must not carry the tokens' issue time into the future.
    /// </summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow.AddHours(-1));

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Authentication:DevelopmentIssuer:Clients:0:ClientId", ClientId),
        new("Authentication:DevelopmentIssuer:Clients:0:RedirectUris:0", RegisteredRedirectUri),
        new("Authentication:DevelopmentIssuer:Clients:0:PostLogoutRedirectUris:0", RegisteredPostLogoutRedirectUri),
        new("Authentication:DevelopmentIssuer:Clients:1:ClientId", OtherClientId),
        new("Authentication:DevelopmentIssuer:Clients:1:RedirectUris:0", "http://127.0.0.1:5091/other/signin-oidc"),
        new("Authentication:DevelopmentIssuer:Clients:1:PostLogoutRedirectUris:0", "http://127.0.0.1:5091/other/signout-callback-oidc"),
        // After the fixture's six demo users: one who works in two roles.
        new("Authentication:DevelopmentIssuer:Users:6:Name", "sigrid"),
        new("Authentication:DevelopmentIssuer:Users:6:DisplayName", "Sigrid Begge"),
        new("Authentication:DevelopmentIssuer:Users:6:Roles:0", "DataOwner"),
        new("Authentication:DevelopmentIssuer:Users:6:Roles:1", "Analyst"),
        new("Authentication:DevelopmentIssuer:Users:6:Organisation", "npr"),
    ];

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    /// <summary>A loopback redirect URI on another port than the registered one (RFC 8252 §7.3 lets it match).</summary>
    public static string RedirectUriOnAnyPort(string path = "/signin-oidc") => $"http://127.0.0.1:{FreePort()}{path}";
}
