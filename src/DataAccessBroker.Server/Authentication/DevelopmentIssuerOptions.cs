namespace DataAccessBroker.Server.Authentication;

/// <summary>The offline token issuer for development and tests (section <c>Authentication:DevelopmentIssuer</c>).</summary>
public sealed class DevelopmentIssuerOptions
{
    /// <summary>Base URL, on loopback; also the tokens' issuer. Kestrel must listen there with HTTP/1.1.</summary>
    public string Url { get; set; } = "http://127.0.0.1:5081";

    /// <summary>How long access and ID tokens last.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Where to keep the signing key so tokens survive a restart; empty keeps it in memory only.</summary>
    public string KeyFile { get; set; } = "";

    public List<DemoUser> Users { get; set; } = [];

    /// <summary>The applications that may sign users in through the authorization-code flow (the portal).</summary>
    public List<DevelopmentClient> Clients { get; set; } = [];

    /// <summary>How long an authorization code may wait to be redeemed (RFC 6749 §4.1.2: short, at most 10 minutes).</summary>
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the sign-in page may stay open before choosing a user is refused and the sign-in must restart.</summary>
    public TimeSpan SignInPageLifetime { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>A named demo user that <c>dab login</c> can obtain a token for.</summary>
public sealed class DemoUser
{
    public string Name { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public List<string> Roles { get; set; } = [];
    public string Organisation { get; set; } = "";
}
