namespace DataAccessBroker.Web.Composition;

/// <summary>How the portal signs users in (section <c>Authentication</c>).</summary>
public sealed class PortalAuthenticationOptions
{
    public const string EntraIdMode = "EntraId";
    public const string DevelopmentMode = "Development";

    /// <summary><c>EntraId</c> in production; <c>Development</c> signs in at the broker's development issuer.</summary>
    public string Mode { get; set; } = EntraIdMode;

    /// <summary>The scopes of the broker's API that the portal asks Entra ID for on the user's behalf.</summary>
    public string[] BrokerScopes { get; set; } = ["api://data-access-broker/.default"];

    /// <summary>The claim that names the user's organisation (as the broker's <c>Authentication:OrganisationClaim</c>).</summary>
    public string OrganisationClaim { get; set; } = "org";

    /// <summary>How long a sign-in lasts at most; the broker's token may end it earlier.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    public DevelopmentSignInOptions Development { get; set; } = new();
}

/// <summary>The broker's development issuer, an OpenID provider on loopback (refused in Production).</summary>
public sealed class DevelopmentSignInOptions
{
    public string Authority { get; set; } = "http://127.0.0.1:5081";
    public string ClientId { get; set; } = "dab-portal";
}
