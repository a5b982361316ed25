using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DataAccessBroker.Server.Authentication;

/// <summary>
/// An OpenID provider for development and tests: discovery document, JWKS and RS256 tokens for demo users. The broker
/// validates its tokens through the same JwtBearer path as Entra ID tokens, fetching the keys over HTTP.
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
        var user = _options.Users.FirstOrDefault(u => u.Name == userName)
            ?? throw new ArgumentException(
                $"no demo user '{userName}'; known: {string.Join(", ", _options.Users.Select(u => u.Name))}");
        var roles = role is null ? user.Roles : user.Roles.Contains(role) ? [role] : throw new ArgumentException(
            $"'{userName}' does not have the role '{role}'; it has: {string.Join(", ", user.Roles)}");
        var claims = new List<Claim>
        {
            new("sub", user.Name), new("name", user.DisplayName), new(organisationClaim, user.Organisation),
        };
        claims.AddRange(roles.Select(r => new Claim("roles", r)));
        return Mint(claims, _clock.GetUtcNow().Add(_options.TokenLifetime));
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

    public object DiscoveryDocument() => new Dictionary<string, object>
    {
        ["issuer"] = Issuer,
        ["jwks_uri"] = $"{Issuer}/jwks",
        ["token_endpoint"] = $"{Issuer}/token",
        ["response_types_supported"] = new[] { "token" },
        ["subject_types_supported"] = new[] { "public" },
        ["id_token_signing_alg_values_supported"] = new[] { SecurityAlgorithms.RsaSha256 },
    };

    public object KeySet()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(_key);
        return new { keys = new[] { new { kty = jwk.Kty, use = "sig", kid = jwk.Kid, alg = "RS256", n = jwk.N, e = jwk.E } } };
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
