namespace DataAccessBroker.Server.Authentication;

/// <summary>Section <c>Authentication</c>.</summary>
public sealed class BrokerAuthenticationOptions
{
    public const string DevelopmentMode = "Development";
    public const string EntraIdMode = "EntraId";

    /// <summary><c>EntraId</c> (production, section <c>AzureAd</c>) or <c>Development</c> (offline issuer).</summary>
    public string Mode { get; set; } = EntraIdMode;

    public string Audience { get; set; } = "api://data-access-broker";

    /// <summary>The claim that names the caller's organisation (REK committee, registry owner, hds …).</summary>
    public string OrganisationClaim { get; set; } = "org";
}
