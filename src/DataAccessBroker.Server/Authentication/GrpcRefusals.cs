using System.Globalization;
using DataAccessBroker.Server.Errors;
using Google.Protobuf;
using Microsoft.AspNetCore.Authentication;
using Google.Rpc;
using HttpRequest = Microsoft.AspNetCore.Http.HttpRequest;
using HttpResponse = Microsoft.AspNetCore.Http.HttpResponse;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.IdentityModel.Tokens;

namespace DataAccessBroker.Server.Authentication;

/// <summary>
/// A gRPC call that is refused before it reaches a service is answered in gRPC: UNAUTHENTICATED or PERMISSION_DENIED
/// with a <c>google.rpc.Status</c> whose <c>ErrorInfo</c> reason a client can act on (sign in again, ask for a role),
/// instead of a bare HTTP 401/403 that clients report as "Bad gRPC response". The reasons say what was wrong with the
/// caller's own token, never anything about the broker's keys or other callers. Other requests (the operations
/// endpoint's dashboard) keep the default HTTP answers.
/// </summary>
public sealed class GrpcRefusals : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _http = new();

    public async Task HandleAsync(
        RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorization)
    {
        if (!(authorization.Challenged || authorization.Forbidden) || !IsGrpc(context.Request))
        {
            await _http.HandleAsync(next, context, policy, authorization);
            return;
        }

        var status = authorization.Challenged
            ? Unauthenticated(context.Request.Headers.Authorization.Count == 0
                ? null
                : (await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme)).Failure)
            : PermissionDenied(policy);
        Write(context.Response, status);
    }

    private static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    private static Google.Rpc.Status Unauthenticated(Exception? failure) => failure switch
    {
        null => Refusal(Code.Unauthenticated, "TOKEN_MISSING", "the call carries no bearer token; sign in"),
        TokenRefusedException refused => Refusal(Code.Unauthenticated, refused.Reason, refused.Message),
        SecurityTokenExpiredException => Refusal(Code.Unauthenticated, "TOKEN_EXPIRED", "the token has expired; sign in again"),
        SecurityTokenNotYetValidException => Refusal(Code.Unauthenticated, "TOKEN_NOT_YET_VALID", "the token is not valid yet; check the clock"),
        SecurityTokenInvalidAudienceException => Refusal(Code.Unauthenticated, "WRONG_AUDIENCE", "the token was issued for another service"),
        SecurityTokenInvalidIssuerException => Refusal(Code.Unauthenticated, "UNTRUSTED_ISSUER", "the token's issuer is not trusted here"),
        _ => Refusal(Code.Unauthenticated, "TOKEN_INVALID", "the token is not valid here; sign in again"),
    };

    private static Google.Rpc.Status PermissionDenied(AuthorizationPolicy policy)
    {
        if (policy.Requirements.OfType<ClaimsAuthorizationRequirement>().Any(r => r.ClaimType == NodeAuthentication.NodeClaim))
        {
            return Refusal(Code.PermissionDenied, "NODE_CREDENTIALS_REQUIRED", "only other broker nodes may call this");
        }

        var roles = policy.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles).Distinct().ToList();
        var status = Refusal(Code.PermissionDenied, "ROLE_MISSING",
            roles.Count > 0 ? $"this call needs one of the roles {string.Join(", ", roles)}" : "your roles do not allow this call");
        if (roles.Count == 0) return status;
        var info = status.Details[0].Unpack<ErrorInfo>();
        info.Metadata["roles"] = string.Join(",", roles);
        status.Details[0] = Google.Protobuf.WellKnownTypes.Any.Pack(info);
        return status;
    }

    private static Google.Rpc.Status Refusal(Code code, string reason, string message) => BoundedStatus.Of(code, reason, message);

    /// <summary>A trailers-only gRPC response: HTTP 200 whose headers carry the status.</summary>
    private static void Write(HttpResponse response, Google.Rpc.Status status)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = status.Code.ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = Uri.EscapeDataString(status.Message);
        response.Headers["grpc-status-details-bin"] = Convert.ToBase64String(status.ToByteArray());
    }
}
