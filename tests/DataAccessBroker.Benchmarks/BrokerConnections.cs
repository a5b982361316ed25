using DataAccessBroker.Contracts.V1;
using Grpc.Net.Client;

namespace DataAccessBroker.Benchmarks;

/// <summary>
/// One gRPC channel (its own HTTP/2 connection) per few clients. A single connection would serialise every frame of
/// every client through one socket and one reader, and the load generator would measure itself.
/// </summary>
public sealed class BrokerConnections : IDisposable
{
    private readonly GrpcChannel[] _channels;

    public BrokerConnections(Uri server, int connections)
    {
        _channels = Enumerable.Range(0, connections).Select(_ => GrpcChannel.ForAddress(server, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                // Should one channel still carry more concurrent calls than the server's stream limit, open another
                // connection instead of queueing the calls.
                EnableMultipleHttp2Connections = true,
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            },
        })).ToArray();
    }

    /// <summary>The stubs for client number <paramref name="client"/>, spread round-robin over the connections.</summary>
    public BrokerStubs For(int client)
    {
        var channel = _channels[client % _channels.Length];
        return new BrokerStubs(
            new ApplicationService.ApplicationServiceClient(channel), new ReviewService.ReviewServiceClient(channel));
    }

    public void Dispose()
    {
        foreach (var channel in _channels) channel.Dispose();
    }
}

/// <summary>The two services one client calls.</summary>
public sealed record BrokerStubs(
    ApplicationService.ApplicationServiceClient Applications, ReviewService.ReviewServiceClient Reviews);
