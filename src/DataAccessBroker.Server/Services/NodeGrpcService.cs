using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Infrastructure.Federation;
using DataAccessBroker.Infrastructure.Persistence;
using DataAccessBroker.Infrastructure.Statistics;
using DataAccessBroker.Server.Authentication;
using DataAccessBroker.Server.Mapping;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace DataAccessBroker.Server.Services;

/// <summary>What this node answers its peers: their messages, its catalog, its own turnaround. Node credentials only.</summary>
[Authorize(Policy = NodeAuthentication.Policy)]
public sealed class NodeGrpcService(
    FederationInbox inbox, CatalogRepository catalog, StatisticsQueries statistics, StatisticsScopes scopes,
    NodeOptions node, TimeProvider clock)
    : NodeService.NodeServiceBase
{
    public override async Task<DeliverMessageResponse> DeliverMessage(DeliverMessageRequest request, ServerCallContext context)
    {
        var envelope = NodeMessageMapper.ToEnvelope(request.Message, node.Code);
        // The credentials say which node calls; a message may only speak for that node.
        if (envelope.Sender != NodeAuthentication.NodeOf(context.GetHttpContext().User))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated,
                "the message's sender is not the node whose credentials carry it"));
        }

        return new DeliverMessageResponse { Accepted = await inbox.ReceiveAsync(envelope, context.CancellationToken) };
    }

    public override async Task<GetCatalogResponse> GetCatalog(GetCatalogRequest request, ServerCallContext context) => new()
    {
        Node = node.Code,
        NodeName = node.Name,
        DataSources = { (await catalog.ListOwnDataSourcesAsync(context.CancellationToken)).Select(CatalogMapper.ToProto) },
    };

    /// <summary>Suppressed here, with this node's threshold at the least, before any figure leaves the node.</summary>
    public override async Task<GetNodeTurnaroundResponse> GetNodeTurnaround(
        GetNodeTurnaroundRequest request, ServerCallContext context)
    {
        var filter = StatisticsMapper.ToFilter(request.Filter ?? new Contracts.V1.StatisticsFilter(), clock.GetUtcNow());
        var scope = await scopes.ResolveAsync(filter, refuseUnknownCodes: false, context.CancellationToken);
        var groups = await statistics.TurnaroundAsync(filter, context.CancellationToken);
        return new GetNodeTurnaroundResponse
        {
            Node = node.Code, NodeName = node.Name, Groups = { groups.Select(StatisticsMapper.ToProto) },
            Simulated = scope.Simulated,
        };
    }
}
