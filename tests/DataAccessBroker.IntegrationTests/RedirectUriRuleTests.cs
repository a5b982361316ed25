using DataAccessBroker.Server.Authentication.DevelopmentSignIn;

namespace DataAccessBroker.IntegrationTests;

/// <summary>Which redirect URIs match a registration, without a broker (RFC 6749 §3.1.2, RFC 8252 §7.3).</summary>
public sealed class RedirectUriRuleTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5090/signin-oidc", "http://127.0.0.1:5090/signin-oidc")]
    [InlineData("http://127.0.0.1:5090/signin-oidc", "http://127.0.0.1:41234/signin-oidc")]
    [InlineData("http://127.0.0.1:5090/signin-oidc", "http://127.0.0.1/signin-oidc")]
    [InlineData("http://127.0.0.1/signin-oidc", "http://127.0.0.1:5090/signin-oidc")]
    [InlineData("http://[::1]:5090/signin-oidc", "http://[::1]:41234/signin-oidc")]
    [InlineData("http://127.0.0.1:5090/cb?client=portal", "http://127.0.0.1:6000/cb?client=portal")]
    [InlineData("https://portal.example.org/signin-oidc", "https://portal.example.org/signin-oidc")]
    public void Matches(string registered, string requested) => Assert.True(RedirectUriRule.Matches(registered, requested));

    [Theory]
    [InlineData("http://127.0.0.1:5090/signin-oidc", "http://127.0.0.1:5090/signin-oidc/")]
    [InlineData("http://127.0.0.1:5090/signin-oidc", "http://127.0.0.1:5090/Signin-oidc")]
    [InlineData("http://127.0.0.1:5090/signin-oidc", "http://127.0.0.1:5090/x/../signin-oidc")]
    [InlineData("http://127.0.0.1:5090/signin-oidc", "http://127.0.0.1:5090/signin-oidc?x=1")]
    [InlineData("http://127.0.0.1:5090/signin-oidc", "http://127.0.0.1:5090/signin-oidc#x")]
    [InlineData("http://127.0.0.1:5090/signin-oidc", "https://127.0.0.1:5090/signin-oidc")]
    [InlineData("http://127.0.0.1:5090/signin-oidc", "http://localhost:5090/signin-oidc")]
    [InlineData("http://127.0.0.1:5090/signin-oidc", "http://[::1]:5090/signin-oidc")]
    [InlineData("http://127.0.0.1:5090/signin-oidc", "http://127.0.0.2:5090/signin-oidc")]
    [InlineData("http://127.0.0.1:5090/signin-oidc", "http://127.0.0.1.example.org/signin-oidc")]
    [InlineData("http://127.0.0.1:5090/signin-oidc", "http://127.0.0.1:5090@example.org/signin-oidc")]
    [InlineData("http://127.0.0.1:5090/signin-oidc", "http://127.0.0.1:99999/signin-oidc")]
    [InlineData("http://127.0.0.1:5090/signin-oidc", "http://127.0.0.1:0/signin-oidc")]
    [InlineData("http://127.0.0.1:5090/signin-oidc", "/signin-oidc")]
    [InlineData("http://localhost:5090/signin-oidc", "http://localhost:41234/signin-oidc")]
    [InlineData("https://portal.example.org/signin-oidc", "https://portal.example.org:8443/signin-oidc")]
    public void Does_not_match(string registered, string requested) => Assert.False(RedirectUriRule.Matches(registered, requested));
}
