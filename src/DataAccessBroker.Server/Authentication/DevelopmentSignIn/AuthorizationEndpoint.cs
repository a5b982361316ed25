namespace DataAccessBroker.Server.Authentication.DevelopmentSignIn;

/// <summary>
/// <c>GET /authorize</c> checks the client's request and shows the sign-in page; <c>POST /authorize</c>, posted by
/// one of its buttons, issues the code for the chosen demo user and role and sends it to the client. The request
/// travels between the two sealed in the page (<see cref="SignInRequestProtector"/>): the issuer keeps no session.
/// </summary>
public sealed class AuthorizationEndpoint(
    DevelopmentIssuer issuer, DevelopmentIssuerOptions options, SignInRequestProtector protector,
    AuthorizationCodeStore codes, TimeProvider clock)
{
    public IResult Begin(HttpRequest request)
    {
        var text = SignInText.In(SignInText.LanguageOf(request.Query["ui_locales"]));
        return AuthorizationRequestValidator.Validate(request.Query, options.Clients) switch
        {
            AuthorizationRequestOutcome.Accepted accepted =>
                SignInPages.SignIn(accepted.Request, protector.Protect(accepted.Request), issuer.Users),
            AuthorizationRequestOutcome.Failed failed => failed.Response.ToResult(text),
            AuthorizationRequestOutcome.Refused refused => SignInPages.Refused(refused.Reason, text),
            _ => throw new InvalidOperationException("an authorization request outcome without a response"),
        };
    }

    public async Task<IResult> ChooseAsync(HttpRequest request)
    {
        if (!request.HasFormContentType) return SignInPages.Refused("The sign-in page posts a form.", SignInText.English);
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var authorization = protector.Unprotect(form["request"].ToString());
        if (authorization is null)
        {
            return SignInPages.Refused(
                "This sign-in page has expired or was altered, so it cannot sign anyone in.", SignInText.English);
        }

        var text = SignInText.In(authorization.Language);
        string userName = form["user"].ToString(), role = form["role"].ToString();
        if (issuer.FindUser(userName) is not { } user || !user.Roles.Contains(role))
        {
            return SignInPages.Refused($"There is no demo user '{userName}' with the role '{role}'.", text);
        }

        var code = codes.Issue(new AuthorizationGrant(
            authorization.ClientId, authorization.RedirectUri, user.Name, role, authorization.Nonce,
            authorization.CodeChallenge, authorization.Scope, clock.GetUtcNow()));
        return AuthorizationResponse.Code(authorization, code).ToResult(text);
    }
}
