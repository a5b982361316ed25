using System.Collections.Concurrent;
using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Domain.Catalog;
using DataAccessBroker.Domain.Statistics;
using DataAccessBroker.Infrastructure.Federation;
using DataAccessBroker.Server.Composition;
using DataAccessBroker.Server.Mapping;
using Grpc.Core;
using Grpc.Net.Client;
using DataSource = DataAccessBroker.Domain.Catalog.DataSource;

namespace DataAccessBroker.Server.Federation;

/// <summary>
/// Carries node messages over gRPC (NodeService) with this node's credentials. One channel per peer, kept for the
/// broker's life: HTTP/2 multiplexes the dispatcher's concurrent sends over one connection.
/// </summary>
public sealed class GrpcNodeTransport(INodeCredentials credentials, ILogger<GrpcNodeTransport> logger)
    : INodeTransport, IDisposable
{
    private readonly ConcurrentDictionary<string, GrpcChannel> _channels = new();

    public async Task DeliverAsync(PeerOptions peer, NodeEnvelope envelope, CancellationToken cancellationToken) =>
        await Client(peer).DeliverMessageAsync(new DeliverMessageRequest { Message = envelope.ToProto() },
            await HeadersAsync(peer, cancellationToken), cancellationToken: cancellationToken);

    public async Task<IReadOnlyList<DataSource>> FetchCatalogAsync(PeerOptions peer, CancellationToken cancellationToken)
    {
        var reply = await Client(peer).GetCatalogAsync(new GetCatalogRequest(),
            await HeadersAsync(peer, cancellationToken), cancellationToken: cancellationToken);
        var sources = new List<DataSource>();
        foreach (var s in reply.DataSources)
        {
            // The peer's word for its own sources, but checked like any input: a malformed entry is left out.
            var source = new DataSource(s.Code, s.DisplayName, s.OwnerName, s.Organisation, peer.Code);
            var violations = CatalogEntryValidator.Validate(source);
            if (violations.Count == 0) sources.Add(source);
            else logger.LogWarning("{Peer} lists a malformed data source, left out: {Violations}", peer.Code,
                string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")));
        }

        return sources;
    }

    public async Task<NodeFigures> FetchTurnaroundAsync(
        PeerOptions peer, Infrastructure.Statistics.StatisticsFilter filter, CancellationToken cancellationToken)
    {
        var reply = await Client(peer).GetNodeTurnaroundAsync(
            new GetNodeTurnaroundRequest { Filter = StatisticsMapper.ToProto(filter) },
            await HeadersAsync(peer, cancellationToken), cancellationToken: cancellationToken);
        return new NodeFigures(reply.Groups.Where(g => g.Stage != Stage.Unspecified && System.Enum.IsDefined(g.Stage))
            .Select(StatisticsMapper.ToSummary).ToList(), reply.Simulated);
    }

    public void Dispose()
    {
        foreach (var channel in _channels.Values) channel.Dispose();
    }

    private NodeService.NodeServiceClient Client(PeerOptions peer) =>
        new(_channels.GetOrAdd(peer.Code, _ => GrpcChannel.ForAddress(peer.Address, new GrpcChannelOptions
        {
            MaxReceiveMessageSize = BrokerComposition.MaxMessageBytes,
            MaxSendMessageSize = BrokerComposition.MaxMessageBytes,
        })));

    private async Task<Metadata> HeadersAsync(PeerOptions peer, CancellationToken cancellationToken) =>
        new() { { "Authorization", $"Bearer {await credentials.TokenForAsync(peer, cancellationToken)}" } };
}
