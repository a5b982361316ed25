using Microsoft.AspNetCore.WebUtilities;

namespace DataAccessBroker.Server.Authentication.DevelopmentSignIn;

/// <summary>
/// What goes back to the client's redirect URI, a code or an error (RFC 6749 §4.1.2 and §4.1.2.1), and how: a
/// redirect with the parameters in the query, or a page that posts them (form_post).
/// </summary>
public sealed record AuthorizationResponse(
    string RedirectUri, string ResponseMode, IReadOnlyList<KeyValuePair<string, string>> Parameters)
{
    public static AuthorizationResponse Code(AuthorizationRequest request, string code) =>
        new(request.RedirectUri, request.ResponseMode, WithState([new("code", code)], request.State));

    public static AuthorizationResponse Error(string redirectUri, string responseMode, string? state, string error, string description) =>
        new(redirectUri, responseMode, WithState([new("error", error), new("error_description", description)], state));

    /// <summary>The redirect, or the page that posts the response in the given language.</summary>
    public IResult ToResult(SignInText text) => ResponseMode == ResponseModes.FormPost
        ? SignInPages.FormPost(this, text)
        : new NoStoreRedirect(QueryHelpers.AddQueryString(RedirectUri, Parameters.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value))));

    private static List<KeyValuePair<string, string>> WithState(List<KeyValuePair<string, string>> parameters, string? state)
    {
        if (state is not null) parameters.Add(new("state", state));
        return parameters;
    }
}
