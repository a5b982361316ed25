using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Domain.Access;
using DataAccessBroker.Infrastructure.Operations;
using DataAccessBroker.Server.Mapping;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace DataAccessBroker.Server.Services;

/// <summary>The admin's watch over the SLA milestones on record, the notification outbox and the background jobs.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class OperationsGrpcService(OperationsQueries queries) : OperationsService.OperationsServiceBase
{
    /// <summary>A page of these lists holds 50 unless asked otherwise.</summary>
    public const int DefaultPageSize = 50;

    public override async Task<ListSlaFiringsResponse> ListSlaFirings(ListSlaFiringsRequest request, ServerCallContext context)
    {
        var milestone = OperationsMapper.Milestone(request.Milestone);
        // A token is good for the next page of the same filter only.
        var list = $"sla-firings:{milestone?.ToString() ?? "all"}";
        var page = await queries.ListFiringsAsync(milestone, RequestFields.PageSize(request.PageSize, DefaultPageSize),
            RequestFields.Cursor(list, request.PageToken), context.CancellationToken);
        return new ListSlaFiringsResponse
        {
            Firings = { page.Items.Select(f => f.ToProto()) },
            NextPageToken = RequestFields.PageToken(list, page.Next),
        };
    }

    public override async Task<ListNotificationsResponse> ListNotifications(
        ListNotificationsRequest request, ServerCallContext context)
    {
        var list = request.UnsentOnly ? "notifications:unsent" : "notifications:all";
        var (page, unsent) = await queries.ListNotificationsAsync(request.UnsentOnly,
            RequestFields.PageSize(request.PageSize, DefaultPageSize), RequestFields.Cursor(list, request.PageToken),
            context.CancellationToken);
        return new ListNotificationsResponse
        {
            Notifications = { page.Items.Select(n => n.ToProto()) },
            NextPageToken = RequestFields.PageToken(list, page.Next),
            Unsent = unsent,
        };
    }

    public override async Task<GetJobStatusResponse> GetJobStatus(GetJobStatusRequest request, ServerCallContext context) =>
        (await queries.GetJobStatusAsync(context.CancellationToken)).ToProto();
}
