using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace DataAccessBroker.Server.Authentication.DevelopmentSignIn;

/// <summary>
/// Proof Key for Code Exchange (RFC 7636), S256 only: a code is redeemed only by whoever holds the verifier whose
/// SHA-256 the authorization request carried, so a code intercepted on its way back to the client is worthless.
/// <c>plain</c> is refused: it would send the secret itself through the browser.
/// </summary>
public static class Pkce
{
    public const string S256 = "S256";

    /// <summary>RFC 7636 §4.1: 43 to 128 characters of <c>[A-Z] [a-z] [0-9] - . _ ~</c>.</summary>
    public static bool IsWellFormedVerifier(string verifier) =>
        verifier.Length is >= 43 and <= 128 && verifier.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~');

    /// <summary>An S256 challenge is BASE64URL(SHA-256), without padding: 43 characters of the base64url alphabet.</summary>
    public static bool IsWellFormedChallenge(string challenge) =>
        challenge.Length == 43 && challenge.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>RFC 7636 §4.2: BASE64URL-ENCODE(SHA256(ASCII(code_verifier))).</summary>
    public static string ChallengeOf(string verifier) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    /// <summary>
    /// RFC 7636 §4.6, compared in constant time so that the answer's timing says nothing about how much of a guess
    /// was right.
    /// </summary>
    public static bool Verifies(string verifier, string challenge) =>
        IsWellFormedVerifier(verifier)
        && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(ChallengeOf(verifier)), Encoding.ASCII.GetBytes(challenge));
}
