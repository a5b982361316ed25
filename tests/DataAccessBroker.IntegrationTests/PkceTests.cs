using DataAccessBroker.Server.Authentication.DevelopmentSignIn;

namespace DataAccessBroker.IntegrationTests;

/// <summary>The development issuer's PKCE check (S256), without a broker.</summary>
public sealed class PkceTests
{
    /// <summary>RFC 7636, Appendix B.</summary>
    private const string RfcVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private const string RfcChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    [Fact]
    public void The_challenge_is_the_rfc_example()
    {
        Assert.Equal(RfcChallenge, Pkce.ChallengeOf(RfcVerifier));
        Assert.True(Pkce.Verifies(RfcVerifier, RfcChallenge));
        Assert.True(Pkce.IsWellFormedChallenge(RfcChallenge));
    }

    [Theory]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXj")] // one character off
    [InlineData("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")] // the challenge itself (plain)
    public void Another_verifier_does_not_verify(string verifier) => Assert.False(Pkce.Verifies(verifier, RfcChallenge));

    [Theory]
    [InlineData(43, true)]
    [InlineData(128, true)]
    [InlineData(42, false)]
    [InlineData(129, false)]
    public void A_verifier_has_43_to_128_characters(int length, bool wellFormed) =>
        Assert.Equal(wellFormed, Pkce.IsWellFormedVerifier(new string('a', length)));

    [Theory]
    [InlineData("-._~")]
    [InlineData("AZaz09")]
    public void A_verifier_may_use_the_unreserved_characters(string characters) =>
        Assert.True(Pkce.IsWellFormedVerifier(string.Concat(Enumerable.Repeat(characters, 43))[..43]));

    [Theory]
    [InlineData('+')]
    [InlineData('/')]
    [InlineData('=')]
    [InlineData(' ')]
    [InlineData('é')]
    public void A_verifier_with_another_character_is_refused(char character)
    {
        var verifier = new string('a', 42) + character;
        Assert.False(Pkce.IsWellFormedVerifier(verifier));
        Assert.False(Pkce.Verifies(verifier, Pkce.ChallengeOf(verifier)));
    }
}
