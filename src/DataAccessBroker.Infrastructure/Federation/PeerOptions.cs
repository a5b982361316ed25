namespace DataAccessBroker.Infrastructure.Federation;

/// <summary>One peer node: where to reach it and how to trust the tokens it sends.</summary>
public sealed class PeerOptions
{
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>The peer's gRPC endpoint, e.g. "https://broker.sundhedsdata.dk".</summary>
    public string Address { get; set; } = "";

    /// <summary>
    /// The issuer of the peer's node tokens: its development issuer's URL, or in production its Entra ID authority
    /// (https://login.microsoftonline.com/{tenant}/v2.0). Tokens are accepted from it only with the Node role.
    /// </summary>
    public string Issuer { get; set; } = "";

    /// <summary>In production: the peer's app registration (client id), which its tokens must name in azp/appid.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The audience the peer expects of this node's tokens.</summary>
    public string Audience { get; set; } = "api://data-access-broker";
}
