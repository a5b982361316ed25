using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace DataAccessBroker.Server.Authentication.DevelopmentSignIn;

/// <summary>
/// The issuer's HTML: the sign-in page, the page that posts a response to the client (form_post), the refusal and the
/// signed-out page. Plain server-rendered markup that axe-core can check: a language, one <c>main</c> with one
/// <c>h1</c>, real buttons named by their text, and the look in <c>/authorize.css</c> (large targets, visible focus,
/// contrast above 4.5:1, one column that fits a 390 px phone), never inline.
/// </summary>
public static class SignInPages
{
    public const string StylesheetPath = "/authorize.css";
    public const string FormPostScriptPath = "/authorize-form-post.js";

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>
    /// One button per demo user and role, each in a form of its own that posts the sealed request with the user and
    /// the role to <c>POST /authorize</c>.
    /// </summary>
    public static IssuerPage SignIn(AuthorizationRequest request, string sealedRequest, IEnumerable<DemoUser> users)
    {
        var text = SignInText.In(request.Language);
        var body = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<p class=\"note\">{E(text.DevelopmentOnly)}</p>\n")
            .Append(CultureInfo.InvariantCulture, $"<p>{E(string.Format(CultureInfo.InvariantCulture, text.ChooseUser, request.ClientId))}</p>\n")
            .Append(CultureInfo.InvariantCulture, $"<h2 id=\"users\">{E(text.DemoUsers)}</h2>\n")
            .Append("<ul class=\"accounts\" aria-labelledby=\"users\">\n");
        foreach (var user in users)
        {
            foreach (var role in user.Roles)
            {
                body.Append(CultureInfo.InvariantCulture, $"""
                    <li><form method="post" action="/authorize">
                    <input type="hidden" name="request" value="{E(sealedRequest)}">
                    <input type="hidden" name="user" value="{E(user.Name)}">
                    <input type="hidden" name="role" value="{E(role)}">
                    <button type="submit"><span class="name">{E(user.DisplayName)}</span> <span class="detail">{E(role)} · {E(user.Organisation)}</span></button>
                    </form></li>

                    """);
            }
        }

        body.Append("</ul>\n");
        return new IssuerPage(StatusCodes.Status200OK, Document(text, text.SignInTitle, body.ToString()),
            ["'self'", IssuerPage.OriginOf(request.RedirectUri)]);
    }

    /// <summary>
    /// The response as a form that a script of the issuer's own submits at once (OAuth 2.0 Form Post Response Mode),
    /// and that a person without scripts submits with the Continue button.
    /// </summary>
    public static IssuerPage FormPost(AuthorizationResponse response, SignInText text)
    {
        var fields = string.Concat(response.Parameters.Select(p =>
            $"<input type=\"hidden\" name=\"{E(p.Key)}\" value=\"{E(p.Value)}\">\n"));
        var body = $"""
            <p>{E(text.ReturningHint)}</p>
            <form id="authorization-response" method="post" action="{E(response.RedirectUri)}">
            {fields}<button type="submit">{E(text.Continue)}</button>
            </form>

            """;
        return new IssuerPage(StatusCodes.Status200OK, Document(text, text.ReturningTitle, body, FormPostScriptPath),
            [IssuerPage.OriginOf(response.RedirectUri)], runsScript: true);
    }

    /// <summary>A request the issuer will not answer at any client's address (HTTP 400), and why.</summary>
    public static IssuerPage Refused(string reason, SignInText text) => new(StatusCodes.Status400BadRequest,
        Document(text, text.RefusedTitle, $"<p>{E(reason)}</p>\n<p>{E(text.RefusedHint)}</p>\n"), []);

    public static IssuerPage SignedOut(SignInText text) => new(StatusCodes.Status200OK,
        Document(text, text.SignedOutTitle, $"<p>{E(text.SignedOutHint)}</p>\n"), []);

    private static string Document(SignInText text, string title, string body, string? script = null) => $"""
        <!DOCTYPE html>
        <html lang="{text.Language}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{E(title)}</title>
        <link rel="stylesheet" href="{StylesheetPath}">
        {(script is null ? "" : $"<script src=\"{script}\" defer></script>\n")}</head>
        <body>
        <main>
        <h1>{E(title)}</h1>
        {body}</main>
        </body>
        </html>

        """;

    private static string E(string value) => Html.Encode(value);
}
