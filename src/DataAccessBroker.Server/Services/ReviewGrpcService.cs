using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Domain.Access;
using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Infrastructure.Persistence;
using DataAccessBroker.Infrastructure.Workflow;
using DataAccessBroker.Server.Authentication;
using DataAccessBroker.Server.Mapping;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using StageTask = DataAccessBroker.Contracts.V1.StageTask;

namespace DataAccessBroker.Server.Services;

/// <summary>Thin adapter over the review use cases; which tasks a caller may decide is decided in the domain.</summary>
public sealed class ReviewGrpcService(
    ApplicationCommands commands, ApplicationQueries queries, CallerFactory callers, TimeProvider clock)
    : ReviewService.ReviewServiceBase
{
    private const string Deciders = $"{Roles.RekReviewer},{Roles.DataOwner},{Roles.HdsCaseOfficer}";

    [Authorize(Roles = $"{Deciders},{Roles.Admin}")]
    public override async Task<ListTasksResponse> ListTasks(ListTasksRequest request, ServerCallContext context)
    {
        const string list = "tasks";
        var now = clock.GetUtcNow();
        var filter = new TaskQueueFilter(RequestFields.QueueStates(request.States), request.OverdueOnly, now);
        var page = await queries.ListQueuedTasksAsync(callers.From(context), filter, RequestFields.PageSize(request.PageSize),
            RequestFields.Cursor(list, request.PageToken), context.CancellationToken);
        return new ListTasksResponse
        {
            Tasks = { page.Items.Select(i => i.Task.ToProto(i.View, now)) },
            NextPageToken = RequestFields.PageToken(list, page.Next),
        };
    }

    [Authorize(Roles = Deciders)]
    public override async Task<ApproveTaskResponse> ApproveTask(ApproveTaskRequest request, ServerCallContext context)
    {
        var comment = RequestFields.Comment(request.Comment, required: false);
        var conditions = RequestFields.Comment(request.Conditions, required: false, "conditions");
        var (task, state, etag) = await DecideAsync("Approve", request.Name, request.Etag, context,
            (application, taskId, actor, now) => application.ApproveTask(taskId, actor, comment, conditions, now));
        return new ApproveTaskResponse { Task = task, ApplicationState = state, ApplicationEtag = etag };
    }

    [Authorize(Roles = Deciders)]
    public override async Task<RejectTaskResponse> RejectTask(RejectTaskRequest request, ServerCallContext context)
    {
        var comment = RequestFields.Comment(request.Comment, required: true)!;
        var (task, state, etag) = await DecideAsync("Reject", request.Name, request.Etag, context,
            (application, taskId, actor, now) => application.RejectTask(taskId, actor, comment, now));
        return new RejectTaskResponse { Task = task, ApplicationState = state, ApplicationEtag = etag };
    }

    [Authorize(Roles = Deciders)]
    public override async Task<RequestChangesResponse> RequestChanges(
        RequestChangesRequest request, ServerCallContext context)
    {
        var comment = RequestFields.Comment(request.Comment, required: true)!;
        var (task, state, etag) = await DecideAsync("RequestChanges", request.Name, request.Etag, context,
            (application, taskId, actor, now) => application.RequestChanges(taskId, actor, comment, now));
        return new RequestChangesResponse { Task = task, ApplicationState = state, ApplicationEtag = etag };
    }

    [Authorize(Roles = Roles.DataOwner)]
    public override async Task<MarkDeliveredResponse> MarkDelivered(
        MarkDeliveredRequest request, ServerCallContext context)
    {
        var comment = RequestFields.Comment(request.Comment, required: false);
        var (task, state, etag) = await DecideAsync("Deliver", request.Name, request.Etag, context,
            (application, taskId, actor, now) => application.MarkDelivered(taskId, actor, comment, now));
        return new MarkDeliveredResponse { Task = task, ApplicationState = state, ApplicationEtag = etag };
    }

    private async Task<(StageTask Task, Application.Types.State State, string ApplicationEtag)> DecideAsync(
        string action, string name, string etag, ServerCallContext context,
        Action<DataAccessApplication, Guid, Actor, DateTimeOffset> decide)
    {
        var (applicationId, taskId) = RequestFields.TaskId(name);
        var (view, task) = await commands.DecideAsync(action, applicationId, taskId, callers.From(context),
            RequestFields.Etag(etag), (a, actor, now) => decide(a, taskId, actor, now), context.CancellationToken);
        return (task.ToProto(view, clock.GetUtcNow()), view.Application.State.ToProto(), Etags.Format(view.Application.Version));
    }
}
