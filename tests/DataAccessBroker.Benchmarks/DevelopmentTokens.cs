using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace DataAccessBroker.Benchmarks;

/// <summary>
/// Bearer tokens from the broker's development issuer (<c>POST {issuer}/token</c>). Each user's token is fetched once,
/// before the run: tokens last hours, and fetching them inside the loop would measure the issuer, not the workflow.
/// </summary>
public static class DevelopmentTokens
{
    public static async Task<string> FetchAsync(HttpClient http, Uri issuer, string user)
    {
        using var response = await http.PostAsJsonAsync(new Uri(issuer, "/token"), new TokenRequest(user));
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"token for {user}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var body = await response.Content.ReadFromJsonAsync<TokenResponse>();
        return body?.AccessToken is { Length: > 0 } token
            ? token
            : throw new InvalidOperationException($"token for {user}: no access_token in the answer");
    }

    private sealed record TokenRequest([property: JsonPropertyName("user")] string User);

    private sealed record TokenResponse([property: JsonPropertyName("access_token")] string? AccessToken);
}
