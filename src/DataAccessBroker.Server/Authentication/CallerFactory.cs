using System.Security.Claims;
using DataAccessBroker.Domain.Access;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace DataAccessBroker.Server.Authentication;

/// <summary>Turns the validated token into the domain's <see cref="Caller"/>.</summary>
public sealed class CallerFactory(IOptions<BrokerAuthenticationOptions> options)
{
    public Caller From(ServerCallContext context) => From(context.GetHttpContext().User);

    public Caller From(ClaimsPrincipal user)
    {
        // Entra's "oid" is stable across applications; "sub" is pairwise. The development issuer sets only "sub".
        var subject = user.FindFirstValue("oid") ?? user.FindFirstValue("sub")
            ?? throw new InvalidOperationException("an authenticated caller without a subject");
        return new Caller(
            subject,
            user.FindFirstValue("name") ?? user.FindFirstValue("preferred_username") ?? subject,
            user.FindAll("roles").Select(c => c.Value).ToHashSet(),
            user.FindFirstValue(options.Value.OrganisationClaim) ?? "");
    }
}
