using System.Security.Claims;
using System.Text;
using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Server.Authentication;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Microsoft.IdentityModel.Tokens;

namespace DataAccessBroker.IntegrationTests;

/// <summary>
/// Every RPC of every dataaccess.v1 service, taken from the compiled descriptors so a new RPC cannot be forgotten,
/// answers UNAUTHENTICATED to a missing or bad token.
/// </summary>
public sealed class AuthenticationTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    public static TheoryData<string, string> BadTokens() => new()
    {
        { "none", "TOKEN_MISSING" },
        { "expired", "TOKEN_EXPIRED" },
        { "wrong-audience", "WRONG_AUDIENCE" },
        { "wrong-issuer", "UNTRUSTED_ISSUER" },
        { "bad-signature", "TOKEN_INVALID" },
        { "alg-none", "TOKEN_INVALID" },
        { "no-roles", "TOKEN_WITHOUT_ROLES" },
    };

    [Fact]
    public void The_rpc_list_covers_every_service()
    {
        var services = Contract.Methods.Select(m => m.Service.Name).Distinct().Order();

        Assert.Equal([
            "ApplicationService", "AuditService", "CatalogService", "FederationService", "NodeService", "OperationsService",
            "ReviewService", "SimulationService", "StatisticsService",
        ], services);
        Assert.True(Contract.Methods.Count() >= 31);
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Every_rpc_answers_unauthenticated_with_a_reason_the_client_can_act_on(string kind, string reason)
    {
        var token = MakeToken(kind);
        var failures = new List<string>();
        foreach (var rpc in Contract.Methods)
        {
            var answer = await RawCalls.AnswerAsync(broker, rpc, token);
            // The public reads answer anyone; a token, good or bad, changes nothing there.
            var expected = PublicRpcs.Contains(rpc.FullName) ? (StatusCode.OK, null) : (StatusCode.Unauthenticated, reason);
            if (answer != expected) failures.Add($"{rpc.FullName}: {answer}");
        }

        Assert.Empty(failures);
    }

    /// <summary>The catalog is public information (docs/design.md §3): read before anyone has an account.</summary>
    private static readonly string[] PublicRpcs =
        ["dataaccess.v1.CatalogService.ListDataSources", "dataaccess.v1.CatalogService.ListRekCommittees"];

    [Fact]
    public async Task The_catalog_is_read_without_a_token_and_nothing_else_is()
    {
        var anonymous = new CatalogService.CatalogServiceClient(broker.Channel);
        var answered = new List<string>();
        foreach (var rpc in Contract.Methods)
        {
            if (await RawCalls.CallAsync(broker, rpc, null) != StatusCode.Unauthenticated) answered.Add(rpc.FullName);
        }

        Assert.NotEmpty((await anonymous.ListDataSourcesAsync(new ListDataSourcesRequest())).DataSources);
        Assert.NotEmpty((await anonymous.ListRekCommitteesAsync(new ListRekCommitteesRequest())).RekCommittees);
        Assert.Equal(PublicRpcs.Order(), answered.Order());
    }

    [Fact]
    public async Task A_good_token_passes_authentication_on_every_rpc()
    {
        var token = broker.TokenFor("admin", "dab", "Admin");
        foreach (var rpc in Contract.Methods)
        {
            Assert.NotEqual(StatusCode.Unauthenticated, await RawCalls.CallAsync(broker, rpc, token));
        }
    }

    [Fact]
    public async Task The_development_issuer_is_refused_in_production()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => BrokerFixture.StartBrokerAsync(
            broker.Database.Roles, $"http://127.0.0.1:{BrokerFixture.FreePort()}",
            $"http://127.0.0.1:{BrokerFixture.FreePort()}", environment: "Production"));

        Assert.Contains("refused in Production", failure.Message);
    }

    private string? MakeToken(string kind)
    {
        Claim[] claims = [new("sub", "ada"), new("name", "Ada"), new("org", "uio"), new("roles", "Applicant")];
        var expires = DateTimeOffset.UtcNow.AddHours(1);
        return kind switch
        {
            "none" => null,
            "expired" => broker.Issuer.Mint(claims, DateTimeOffset.UtcNow.AddMinutes(-10)),
            "wrong-audience" => broker.Issuer.Mint(claims, expires, audience: "api://some-other-api"),
            "wrong-issuer" => broker.Issuer.Mint(claims, expires, issuer: "http://127.0.0.1:1/evil"),
            "bad-signature" => new DevelopmentIssuer(
                    new DevelopmentIssuerOptions { Url = broker.IssuerAddress }, broker.Issuer.Audience, TimeProvider.System)
                .Mint(claims, expires),
            "alg-none" => Unsigned(claims, expires),
            "no-roles" => broker.Issuer.Mint(claims.Where(c => c.Type != "roles"), expires),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    /// <summary>A well-formed token with <c>alg: none</c> and no signature, otherwise valid.</summary>
    private string Unsigned(IEnumerable<Claim> claims, DateTimeOffset expires)
    {
        var payload = claims.ToDictionary(c => c.Type, object (c) => c.Value);
        payload["iss"] = broker.Issuer.Issuer;
        payload["aud"] = broker.Issuer.Audience;
        payload["exp"] = expires.ToUnixTimeSeconds();
        payload["nbf"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds();
        static string Encode(object value) =>
            Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(value)));
        return $"{Encode(new { alg = "none", typ = "JWT" })}.{Encode(payload)}.";
    }
}

/// <summary>Calls any RPC by its descriptor with an empty request and reports the status it ends with.</summary>
internal static class RawCalls
{
    public static async Task<StatusCode> CallAsync(BrokerFixture broker, MethodDescriptor rpc, string? token) =>
        (await AnswerAsync(broker, rpc, token)).Code;

    /// <summary>The status, and the ErrorInfo reason of a refusal.</summary>
    public static async Task<(StatusCode Code, string? Reason)> AnswerAsync(BrokerFixture broker, MethodDescriptor rpc, string? token)
    {
        var method = new Method<IMessage, IMessage>(
            rpc.IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary, rpc.Service.FullName, rpc.Name,
            Marshallers.Create<IMessage>(m => m.ToByteArray(), rpc.InputType.Parser.ParseFrom),
            Marshallers.Create<IMessage>(m => m.ToByteArray(), rpc.OutputType.Parser.ParseFrom));
        var headers = new Metadata();
        if (token is not null) headers.Add("Authorization", $"Bearer {token}");
        var request = rpc.InputType.Parser.ParseFrom([]);
        try
        {
            if (rpc.IsServerStreaming)
            {
                using var call = broker.Channel.CreateCallInvoker().AsyncServerStreamingCall(method, null, new CallOptions(headers), request);
                while (await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                }
            }
            else
            {
                await broker.Channel.CreateCallInvoker().AsyncUnaryCall(method, null, new CallOptions(headers), request);
            }

            return (StatusCode.OK, null);
        }
        catch (RpcException e)
        {
            return (e.StatusCode, e.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason);
        }
    }
}
