using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Domain.Access;
using DataAccessBroker.Domain.Errors;
using DataAccessBroker.Infrastructure.Federation;
using DataAccessBroker.Server.Mapping;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace DataAccessBroker.Server.Services;

/// <summary>The admin's view of this node's peers, and the retry of a peer's pending messages.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class FederationGrpcService(FederationStatus status, NodeOptions node, FederationOptions federation)
    : FederationService.FederationServiceBase
{
    public override async Task<ListPeersResponse> ListPeers(ListPeersRequest request, ServerCallContext context) => new()
    {
        Node = node.Code,
        NodeName = node.Name,
        Peers = { (await status.ListPeersAsync(context.CancellationToken)).Select(FederationMapper.ToProto) },
    };

    public override async Task<RetryPeerResponse> RetryPeer(RetryPeerRequest request, ServerCallContext context)
    {
        if (request.Node.Length == 0) throw new InvalidInputException("node", "is required: the peer's code");
        if (federation.Peer(request.Node) is null) throw new NotFoundException($"peers/{request.Node}");
        return new RetryPeerResponse { Rescheduled = await status.RetryAsync(request.Node, context.CancellationToken) };
    }
}
