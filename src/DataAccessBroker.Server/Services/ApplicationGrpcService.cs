using System.Security.Cryptography;
using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Domain.Access;
using DataAccessBroker.Domain.Errors;
using DataAccessBroker.Infrastructure.Persistence;
using DataAccessBroker.Infrastructure.Sla;
using DataAccessBroker.Infrastructure.Workflow;
using DataAccessBroker.Server.Authentication;
using DataAccessBroker.Server.Mapping;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace DataAccessBroker.Server.Services;

/// <summary>Thin adapter: parse the request, call the use case, map the result.</summary>
public sealed class ApplicationGrpcService(
    ApplicationCommands commands, ApplicationQueries queries, CallerFactory callers, TimeProvider clock)
    : ApplicationService.ApplicationServiceBase
{
    private const string Readers = $"{Roles.Applicant},{Roles.RekReviewer},{Roles.DataOwner},{Roles.HdsCaseOfficer},{Roles.Admin}";

    [Authorize(Roles = Roles.Applicant)]
    public override async Task<CreateApplicationResponse> CreateApplication(
        CreateApplicationRequest request, ServerCallContext context)
    {
        if (request.Application is null) throw new InvalidInputException("application", "is required");
        var caller = callers.From(context);
        var details = ApplicationInputMapper.ToDetails(request.Application);
        IdempotencyKey? key = null;
        if (request.RequestId.Length > 0)
        {
            if (!Guid.TryParse(request.RequestId, out var requestId))
            {
                throw new InvalidInputException("request_id", "must be a UUID");
            }

            key = new IdempotencyKey(caller.Subject, requestId, SHA256.HashData(request.Application.ToByteArray()));
        }

        var response = await commands.CreateDraftAsync(caller, details, key,
            application => new CreateApplicationResponse
            {
                Application = new ApplicationView(application, []).ToProto(clock.GetUtcNow()),
            }.ToByteArray(),
            context.CancellationToken);
        return CreateApplicationResponse.Parser.ParseFrom(response);
    }

    [Authorize(Roles = Readers)]
    public override async Task<GetApplicationResponse> GetApplication(
        GetApplicationRequest request, ServerCallContext context)
    {
        var application = await queries.GetAsync(RequestFields.ApplicationId(request.Name), callers.From(context),
            nameof(GetApplication), context.CancellationToken);
        return new GetApplicationResponse { Application = application.ToProto(clock.GetUtcNow()) };
    }

    [Authorize(Roles = Readers)]
    public override async Task<ListApplicationsResponse> ListApplications(
        ListApplicationsRequest request, ServerCallContext context)
    {
        const string list = "applications";
        var page = await queries.ListAsync(callers.From(context), nameof(ListApplications),
            RequestFields.PageSize(request.PageSize), RequestFields.Cursor(list, request.PageToken), context.CancellationToken);
        return new ListApplicationsResponse
        {
            Applications = { page.Items.Select(a => a.ToProto(clock.GetUtcNow())) },
            NextPageToken = RequestFields.PageToken(list, page.Next),
        };
    }

    [Authorize(Roles = Roles.Applicant)]
    public override async Task<UpdateApplicationResponse> UpdateApplication(
        UpdateApplicationRequest request, ServerCallContext context)
    {
        if (request.Application is null) throw new InvalidInputException("application", "is required");
        var id = RequestFields.ApplicationId(request.Application.Name, "application.name");
        var application = await commands.EditAsync(id, callers.From(context),
            RequestFields.Etag(request.Application.Etag, "application.etag"),
            current => ApplicationInputMapper.ApplyMask(current, request.Application, request.UpdateMask),
            context.CancellationToken);
        return new UpdateApplicationResponse { Application = application.ToProto(clock.GetUtcNow()) };
    }

    [Authorize(Roles = Roles.Applicant)]
    public override async Task<SubmitApplicationResponse> SubmitApplication(
        SubmitApplicationRequest request, ServerCallContext context)
    {
        var application = await commands.SubmitAsync(RequestFields.ApplicationId(request.Name),
            callers.From(context), RequestFields.Etag(request.Etag), context.CancellationToken);
        return new SubmitApplicationResponse { Application = application.ToProto(clock.GetUtcNow()) };
    }

    [Authorize(Roles = Roles.Applicant)]
    public override async Task<ResubmitApplicationResponse> ResubmitApplication(
        ResubmitApplicationRequest request, ServerCallContext context)
    {
        var application = await commands.ResubmitAsync(RequestFields.ApplicationId(request.Name),
            callers.From(context), RequestFields.Etag(request.Etag), RequestFields.Comment(request.Comment, required: false),
            context.CancellationToken);
        return new ResubmitApplicationResponse { Application = application.ToProto(clock.GetUtcNow()) };
    }

    [Authorize(Roles = Roles.Applicant)]
    public override async Task<WithdrawApplicationResponse> WithdrawApplication(
        WithdrawApplicationRequest request, ServerCallContext context)
    {
        var application = await commands.WithdrawAsync(RequestFields.ApplicationId(request.Name),
            callers.From(context), RequestFields.Etag(request.Etag), RequestFields.Comment(request.Comment, required: false),
            context.CancellationToken);
        return new WithdrawApplicationResponse { Application = application.ToProto(clock.GetUtcNow()) };
    }

    [Authorize(Roles = Readers)]
    public override async Task<ListApplicationEventsResponse> ListApplicationEvents(
        ListApplicationEventsRequest request, ServerCallContext context)
    {
        var id = RequestFields.ApplicationId(request.Parent, "parent");
        var list = $"events:{id}";
        var page = await queries.ListEventsAsync(id, callers.From(context), nameof(ListApplicationEvents),
            RequestFields.PageSize(request.PageSize), RequestFields.Cursor(list, request.PageToken)?.Sequence ?? 0,
            context.CancellationToken);
        return new ListApplicationEventsResponse
        {
            Events = { page.Items.Select(e => e.ToProto()) },
            NextPageToken = RequestFields.PageToken(list, page.Next),
        };
    }
}
