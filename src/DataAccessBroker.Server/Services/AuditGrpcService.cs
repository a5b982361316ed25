using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Domain.Access;
using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Infrastructure.Audit;
using DataAccessBroker.Server.Mapping;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace DataAccessBroker.Server.Services;

/// <summary>The admin's check that the history is as it was written, and the log of who read what.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class AuditGrpcService(AuditVerifier verifier, AccessLog accessLog) : AuditService.AuditServiceBase
{
    public override async Task<VerifyAuditResponse> VerifyAudit(VerifyAuditRequest request, ServerCallContext context)
    {
        var report = await verifier.VerifyAsync(context.CancellationToken);
        var access = await verifier.HistoryWriteAccessAsync(context.CancellationToken);
        var answer = new VerifyAuditResponse
        {
            Events = report.Events, Applications = report.Applications, Intact = report.FirstBrokenLink is null,
            DatabaseRole = access.Role, HistoryWritePrivileges = { access.Privileges },
        };
        if (report.FirstBrokenLink is { } broken)
        {
            (answer.Application, answer.Sequence, answer.Problem) =
                (ResourceNames.Application(broken.Application), broken.Sequence, broken.Problem);
        }

        return answer;
    }

    public override async Task<ListApplicationAccessResponse> ListApplicationAccess(
        ListApplicationAccessRequest request, ServerCallContext context)
    {
        var id = RequestFields.ApplicationId(request.Parent, "parent");
        var list = $"access:{id}";
        var page = await accessLog.ListAsync(id, RequestFields.PageSize(request.PageSize),
            RequestFields.Cursor(list, request.PageToken), context.CancellationToken);
        return new ListApplicationAccessResponse
        {
            AccessRecords = { page.Items.Select(r => r.ToProto()) },
            NextPageToken = RequestFields.PageToken(list, page.Next),
        };
    }
}
