using System.Globalization;

namespace DataAccessBroker.Server.Authentication.DevelopmentSignIn;

/// <summary>
/// Whether a redirect URI a client asks for is one it registered. The comparison is exact, character for character
/// (no normalisation that a crafted path or host could slip through), with one exception: when the registered URI's
/// host is a loopback IP literal (<c>127.0.0.1</c> or <c>[::1]</c>), any port matches, as RFC 8252 §7.3 asks of
/// servers for native and local applications. The portal can then be started on any free port (its tests do) while
/// <c>http://127.0.0.1:5090/signin-oidc</c> stays its one registration. <c>localhost</c> gets no such allowance: it
/// is a name that may resolve anywhere.
/// </summary>
public static class RedirectUriRule
{
    private static readonly string[] LoopbackOrigins = ["http://127.0.0.1", "https://127.0.0.1", "http://[::1]", "https://[::1]"];

    public static bool Matches(string registered, string requested)
    {
        if (!IsUsable(requested)) return false;
        if (string.Equals(registered, requested, StringComparison.Ordinal)) return true;
        return WithoutLoopbackPort(registered) is { } registeredWithoutPort
               && WithoutLoopbackPort(requested) is { } requestedWithoutPort
               && string.Equals(registeredWithoutPort, requestedWithoutPort, StringComparison.Ordinal);
    }

    /// <summary>An absolute http(s) URI without a fragment or user information (RFC 6749 §3.1.2).</summary>
    public static bool IsUsable(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
        && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps)
        && !uri.Contains('#', StringComparison.Ordinal)
        && parsed.UserInfo.Length == 0;

    /// <summary>The URI with the port of its loopback IP host taken out, or null when its host is not one.</summary>
    private static string? WithoutLoopbackPort(string uri)
    {
        foreach (var origin in LoopbackOrigins)
        {
            if (!uri.StartsWith(origin, StringComparison.Ordinal)) continue;
            var rest = uri[origin.Length..];
            if (rest.StartsWith(':'))
            {
                var end = rest.IndexOfAny(['/', '?']);
                if (end < 0) end = rest.Length;
                if (!int.TryParse(rest.AsSpan(1, end - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                    || port is < 1 or > 65535)
                {
                    return null;
                }

                rest = rest[end..];
            }

            // "http://127.0.0.1.example.org/…" starts like a loopback origin and is not one.
            return rest.Length == 0 || rest[0] is '/' or '?' ? origin + rest : null;
        }

        return null;
    }
}
