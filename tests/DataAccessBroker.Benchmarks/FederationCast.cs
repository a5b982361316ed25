using DataAccessBroker.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace DataAccessBroker.Benchmarks;

/// <summary>One demo user of one node: the node's stubs and the user's bearer token as call metadata.</summary>
public sealed record NodeUser(
    ApplicationService.ApplicationServiceClient Applications, ReviewService.ReviewServiceClient Reviews, Metadata Headers);

/// <summary>
/// The people of infra/federation.sh's three nodes who take one cross-border application from submission to delivery:
/// Ada applies in Norway, REK sør-øst A and Kreftregisteret review there, Denmark's Landspatientregistret (sds) and
/// Finland's cancer registry review and deliver their parts, and each node's access body decides its own.
/// </summary>
public sealed class FederationCast : IDisposable
{
    private readonly List<GrpcChannel> _channels = [];

    public required NodeUser Ada { get; init; }
    public required NodeUser Rita { get; init; }
    public required NodeUser Kari { get; init; }
    public required NodeUser Hanne { get; init; }
    public required NodeUser Sofie { get; init; }
    public required NodeUser Mads { get; init; }
    public required NodeUser Aino { get; init; }
    public required NodeUser Eero { get; init; }

    public static async Task<FederationCast> SignInAsync(FederationBenchOptions options)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var channels = new Dictionary<string, GrpcChannel>();
        foreach (var node in new[] { "no", "dk", "fi" })
        {
            channels[node] = GrpcChannel.ForAddress(options.Server(node), new GrpcChannelOptions
            {
                HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
            });
        }

        async Task<NodeUser> As(string node, string user)
        {
            var token = await DevelopmentTokens.FetchAsync(http, options.Issuer(node), user);
            return new NodeUser(new ApplicationService.ApplicationServiceClient(channels[node]),
                new ReviewService.ReviewServiceClient(channels[node]), new Metadata { { "Authorization", $"Bearer {token}" } });
        }

        var cast = new FederationCast
        {
            Ada = await As("no", "ada"), Rita = await As("no", "rita"), Kari = await As("no", "kari"),
            Hanne = await As("no", "hanne"), Sofie = await As("dk", "sofie"), Mads = await As("dk", "mads"),
            Aino = await As("fi", "aino"), Eero = await As("fi", "eero"),
        };
        cast._channels.AddRange(channels.Values);
        return cast;
    }

    public void Dispose()
    {
        foreach (var channel in _channels) channel.Dispose();
    }
}
