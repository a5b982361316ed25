namespace DataAccessBroker.Server.Authentication.DevelopmentSignIn;

/// <summary>
/// What an authorization code stands for until it is redeemed: who signed in, in which role, at which client's
/// request, and what the redemption must match (the client, the very redirect URI, the PKCE challenge).
/// </summary>
public sealed record AuthorizationGrant(
    string ClientId,
    string RedirectUri,
    string User,
    string Role,
    string? Nonce,
    string CodeChallenge,
    string Scope,
    DateTimeOffset AuthenticatedAt);
