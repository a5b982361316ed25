using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using DataAccessBroker.Server.Authentication.DevelopmentSignIn;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DataAccessBroker.Server.Authentication;

/// <summary>
/// An OpenID provider for development and tests: discovery document, JWKS and RS256 tokens for demo users, handed to
/// <c>dab login</c> directly and to the portal through the authorization-code flow (namespace <c>DevelopmentSignIn</c>).
/// The broker validates its tokens through the same JwtBearer path as Entra ID tokens, fetching the keys over HTTP.
/// </summary>
public sealed class DevelopmentIssuer
{
    private readonly DevelopmentIssuerOptions _options;
    private readonly TimeProvider _clock;
    private readonly RsaSecurityKey _key;

    public DevelopmentIssuer(DevelopmentIssuerOptions options, string audience, TimeProvider clock)
    {
        _options = options;
        _clock = clock;
        Audience = audience;
        _key = LoadOrCreateKey(options.KeyFile);
    }

    public string Issuer => _options.Url.TrimEnd('/');
    public string Audience { get; }
    public IReadOnlyList<DemoUser> Users => _options.Users;

    /// <summary>A token for a demo user acting in one of its roles (its first when none is named).</summary>
    public string IssueFor(string userName, string? role, string organisationClaim)
    {
        var user = FindUser(userName) ?? throw new ArgumentException(
            $"no demo user '{userName}'; known: {string.Join(", ", _options.Users.Select(u => u.Name))}");
        var roles = role is null ? user.Roles : user.Roles.Contains(role) ? [role] : throw new ArgumentException(
            $"'{userName}' does not have the role '{role}'; it has: {string.Join(", ", user.Roles)}");
        return Mint(IdentityClaims(user, roles, organisationClaim), _clock.GetUtcNow().Add(_options.TokenLifetime));
    }

    public DemoUser? FindUser(string userName) => _options.Users.FirstOrDefault(u => u.Name == userName);

    /// <summary>
    /// The ID token of a sign-in through the authorization-code flow (OpenID Connect Core §2, §3.1.3.6): the same
    /// person and role as the access token beside it, for the client that signed them in (aud), with the client's
    /// nonce, when they signed in, and the access token's hash, which binds the two.
    /// </summary>
    public string IssueIdToken(AuthorizationGrant grant, string organisationClaim, string accessToken)
    {
        var user = FindUser(grant.User) ?? throw new ArgumentException($"no demo user '{grant.User}'");
        var now = _clock.GetUtcNow();
        var extra = new Dictionary<string, object>
        {
            ["auth_time"] = grant.AuthenticatedAt.ToUnixTimeSeconds(),
            ["at_hash"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken))[..16]),
        };
        if (grant.Nonce is not null) extra["nonce"] = grant.Nonce;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = grant.ClientId,
            Subject = new ClaimsIdentity(IdentityClaims(user, [grant.Role], organisationClaim)),
            Claims = extra,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.Add(_options.TokenLifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>
    /// The client an ID token this issuer signed was issued to (its audience), or null when it is not one of this
    /// issuer's. An expired one still names its client: it is only a hint of who is signing out.
    /// </summary>
    public async Task<string?> ClientOfIdTokenHintAsync(string idTokenHint)
    {
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(idTokenHint, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            IssuerSigningKey = _key,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ValidateAudience = false,
            ValidateLifetime = false,
        });
        return result.IsValid && result.SecurityToken is JsonWebToken token ? token.Audiences.SingleOrDefault() : null;
    }

    /// <summary>Signs any claims; tests use it to make expired tokens and tokens for other audiences or issuers.</summary>
    public string Mint(IEnumerable<Claim> claims, DateTimeOffset expires, string? audience = null, string? issuer = null)
    {
        var now = _clock.GetUtcNow();
        var notBefore = expires < now ? expires.AddHours(-1) : now;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience ?? Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = notBefore.UtcDateTime,
            NotBefore = notBefore.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>
    /// OpenID Provider Metadata (OpenID Connect Discovery §3). <c>token</c> among the response types stands for the
    /// JSON token request <c>dab login</c> makes; the authorization endpoint answers <c>code</c> only.
    /// </summary>
    public object DiscoveryDocument(string organisationClaim) => new Dictionary<string, object>
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = $"{Issuer}/authorize",
        ["token_endpoint"] = $"{Issuer}/token",
        ["end_session_endpoint"] = $"{Issuer}/logout",
        ["jwks_uri"] = $"{Issuer}/jwks",
        ["response_types_supported"] = new[] { "code" },
        ["response_modes_supported"] = new[] { "query", "form_post" },
        ["grant_types_supported"] = new[] { "authorization_code" },
        ["code_challenge_methods_supported"] = new[] { "S256" },
        ["scopes_supported"] = new[] { "openid", "profile" },
        ["token_endpoint_auth_methods_supported"] = new[] { "none" },
        ["claims_supported"] = new[]
        {
            "iss", "aud", "sub", "name", "roles", organisationClaim, "nonce", "iat", "exp", "auth_time", "at_hash",
        },
        ["subject_types_supported"] = new[] { "public" },
        ["id_token_signing_alg_values_supported"] = new[] { SecurityAlgorithms.RsaSha256 },
        ["ui_locales_supported"] = new[] { "en", "nb" },
    };

    public object KeySet()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(_key);
        return new { keys = new[] { new { kty = jwk.Kty, use = "sig", kid = jwk.Kid, alg = "RS256", n = jwk.N, e = jwk.E } } };
    }

    /// <summary>Who the user is, as both tokens say it: subject, display name, organisation and the roles acted in.</summary>
    private static List<Claim> IdentityClaims(DemoUser user, IEnumerable<string> roles, string organisationClaim)
    {
        var claims = new List<Claim>
        {
            new("sub", user.Name), new("name", user.DisplayName), new(organisationClaim, user.Organisation),
        };
        claims.AddRange(roles.Select(r => new Claim("roles", r)));
        return claims;
    }

    private static RsaSecurityKey LoadOrCreateKey(string keyFile)
    {
        var rsa = RSA.Create(2048);
        if (keyFile.Length > 0 && File.Exists(keyFile))
        {
            rsa.ImportFromPem(File.ReadAllText(keyFile));
        }
        else if (keyFile.Length > 0)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(keyFile))!);
            File.WriteAllText(keyFile, rsa.ExportRSAPrivateKeyPem());
        }

        var key = new RsaSecurityKey(rsa);
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        return key;
    }
}
