using DataAccessBroker.Contracts.V1;
using Grpc.Core;
using static DataAccessBroker.IntegrationTests.Scenario;

namespace DataAccessBroker.IntegrationTests;

/// <summary>Which role may call which RPC (PERMISSION_DENIED otherwise), and which objects each caller may see.</summary>
public sealed class AuthorizationTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    private const string A = "Applicant", R = "RekReviewer", D = "DataOwner", H = "HdsCaseOfficer", N = "Analyst", M = "Admin";

    /// <summary>The roles of docs/architecture.md as a table: the roles allowed to call each RPC.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["dataaccess.v1.ApplicationService.CreateApplication"] = [A],
        ["dataaccess.v1.ApplicationService.GetApplication"] = [A, R, D, H, M],
        ["dataaccess.v1.ApplicationService.ListApplications"] = [A, R, D, H, M],
        ["dataaccess.v1.ApplicationService.UpdateApplication"] = [A],
        ["dataaccess.v1.ApplicationService.SubmitApplication"] = [A],
        ["dataaccess.v1.ApplicationService.ResubmitApplication"] = [A],
        ["dataaccess.v1.ApplicationService.WithdrawApplication"] = [A],
        ["dataaccess.v1.ApplicationService.ListApplicationEvents"] = [A, R, D, H, M],
        ["dataaccess.v1.ReviewService.ListTasks"] = [R, D, H, M],
        ["dataaccess.v1.ReviewService.ApproveTask"] = [R, D, H],
        ["dataaccess.v1.ReviewService.RejectTask"] = [R, D, H],
        ["dataaccess.v1.ReviewService.RequestChanges"] = [R, D, H],
        ["dataaccess.v1.ReviewService.MarkDelivered"] = [D],
        ["dataaccess.v1.CatalogService.ListDataSources"] = [A, R, D, H, N, M],
        ["dataaccess.v1.CatalogService.ListRekCommittees"] = [A, R, D, H, N, M],
        ["dataaccess.v1.CatalogService.CreateDataSource"] = [M],
        ["dataaccess.v1.CatalogService.CreateRekCommittee"] = [M],
        ["dataaccess.v1.StatisticsService.GetTurnaround"] = [N, M],
        ["dataaccess.v1.StatisticsService.GetBacklog"] = [N, M],
        ["dataaccess.v1.StatisticsService.GetMonthlyTrend"] = [N, M],
        ["dataaccess.v1.StatisticsService.GetBottlenecks"] = [N, M],
        ["dataaccess.v1.StatisticsService.ExportStageIntervals"] = [N, M],
        ["dataaccess.v1.SimulationService.SimulateHistory"] = [M],
        ["dataaccess.v1.FederationService.ListPeers"] = [M],
        ["dataaccess.v1.FederationService.RetryPeer"] = [M],
        ["dataaccess.v1.AuditService.VerifyAudit"] = [M],
        ["dataaccess.v1.AuditService.ListApplicationAccess"] = [M],
        ["dataaccess.v1.OperationsService.ListSlaFirings"] = [M],
        ["dataaccess.v1.OperationsService.ListNotifications"] = [M],
        ["dataaccess.v1.OperationsService.GetJobStatus"] = [M],
        // Node credentials only: every user token is refused.
        ["dataaccess.v1.NodeService.DeliverMessage"] = [],
        ["dataaccess.v1.NodeService.GetCatalog"] = [],
        ["dataaccess.v1.NodeService.GetNodeTurnaround"] = [],
    };

    private readonly Scenario _s = new(broker);

    [Fact]
    public void The_matrix_names_every_rpc()
    {
        Assert.Equal(Contract.Methods.Select(m => m.FullName).Order(), Allowed.Keys.Order());
    }

    [Theory]
    [InlineData(A)]
    [InlineData(R)]
    [InlineData(D)]
    [InlineData(H)]
    [InlineData(N)]
    [InlineData(M)]
    public async Task Each_role_is_denied_exactly_the_rpcs_it_may_not_call(string role)
    {
        var token = broker.TokenFor($"matrix-{role}", "matrix-org", role);
        var wrong = new List<string>();
        foreach (var rpc in Contract.Methods)
        {
            var (code, reason) = await RawCalls.AnswerAsync(broker, rpc, token);
            var denied = code == StatusCode.PermissionDenied;
            if (denied == Allowed[rpc.FullName].Contains(role)) wrong.Add($"{rpc.FullName}: {code}");
            // A refusal says what the caller lacks: a role the RPC names, or node credentials.
            var expected = Allowed[rpc.FullName].Length == 0 ? "NODE_CREDENTIALS_REQUIRED" : "ROLE_MISSING";
            if (denied && reason != expected) wrong.Add($"{rpc.FullName}: reason {reason}, not {expected}");
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task Another_researchers_application_is_not_found_and_never_listed()
    {
        var adas = await _s.SubmittedAsync(_s.Ada);
        var drafts = (await _s.Ada.Applications.CreateApplicationAsync(
            new CreateApplicationRequest { Application = CompleteApplication() })).Application;

        foreach (var name in new[] { adas.Name, drafts.Name })
        {
            await AssertNotFound(() => _s.Bjorn.Applications.GetApplicationAsync(new GetApplicationRequest { Name = name }).ResponseAsync);
            await AssertNotFound(() => _s.Bjorn.Applications.ListApplicationEventsAsync(new ListApplicationEventsRequest { Parent = name }).ResponseAsync);
            await AssertNotFound(() => _s.Bjorn.Applications.WithdrawApplicationAsync(new WithdrawApplicationRequest { Name = name }).ResponseAsync);
            await AssertNotFound(() => _s.Bjorn.Applications.SubmitApplicationAsync(new SubmitApplicationRequest { Name = name }).ResponseAsync);
        }

        var listed = (await _s.Bjorn.Applications.ListApplicationsAsync(new ListApplicationsRequest { PageSize = 100 })).Applications;
        Assert.DoesNotContain(listed, a => a.Name == adas.Name || a.Name == drafts.Name);
        Assert.Equal(StageTask.Types.State.Open, (await _s.GetAsync(adas.Name)).Tasks[0].State);
    }

    [Fact]
    public async Task Another_committees_task_is_not_found_and_never_queued()
    {
        var submitted = await _s.SubmittedAsync();
        var task = await _s.QueuedTaskAsync(_s.RekVest, submitted.Name, Stage.RekReview);

        await AssertNotFound(() => _s.RekNord.Reviews.ApproveTaskAsync(new ApproveTaskRequest { Name = task.Name }).ResponseAsync);
        await AssertNotFound(() => _s.RekNord.Applications.GetApplicationAsync(new GetApplicationRequest { Name = submitted.Name }).ResponseAsync);
        Assert.DoesNotContain((await _s.RekNord.Reviews.ListTasksAsync(new ListTasksRequest())).Tasks, t => t.Name == task.Name);
        Assert.DoesNotContain((await _s.RekNord.Applications.ListApplicationsAsync(new ListApplicationsRequest())).Applications,
            a => a.Name == submitted.Name);
        // A data owner named on the application still cannot decide the REK stage.
        await AssertNotFound(() => _s.Npr.Reviews.ApproveTaskAsync(new ApproveTaskRequest { Name = task.Name }).ResponseAsync);
        Assert.Equal(StageTask.Types.State.Open, (await _s.GetAsync(submitted.Name)).Tasks[0].State);
    }

    [Fact]
    public async Task Another_registrys_task_is_not_found_and_never_queued()
    {
        var submitted = await _s.SubmittedAsync();
        await _s.ApproveRekAsync(submitted.Name);
        var nprTask = await _s.QueuedTaskAsync(_s.Npr, submitted.Name, Stage.DataOwnerReview);

        await AssertNotFound(() => _s.Kreftregisteret.Reviews.RejectTaskAsync(
            new RejectTaskRequest { Name = nprTask.Name, Comment = "not mine to reject" }).ResponseAsync);
        await AssertNotFound(() => _s.Msis.Applications.GetApplicationAsync(new GetApplicationRequest { Name = submitted.Name }).ResponseAsync);
        Assert.DoesNotContain((await _s.Msis.Reviews.ListTasksAsync(new ListTasksRequest())).Tasks, t => t.Application == submitted.Name);
        Assert.DoesNotContain((await _s.Kreftregisteret.Reviews.ListTasksAsync(new ListTasksRequest())).Tasks, t => t.Name == nprTask.Name);
        Assert.Contains((await _s.Kreftregisteret.Applications.ListApplicationsAsync(new ListApplicationsRequest())).Applications,
            a => a.Name == submitted.Name);
    }

    [Fact]
    public async Task HDS_sees_every_submitted_application_but_no_drafts()
    {
        var submitted = await _s.SubmittedAsync(_s.Bjorn);
        var draft = (await _s.Bjorn.Applications.CreateApplicationAsync(
            new CreateApplicationRequest { Application = CompleteApplication() })).Application;

        var listed = (await _s.Hds.Applications.ListApplicationsAsync(new ListApplicationsRequest { PageSize = 100 })).Applications;

        Assert.Contains(listed, a => a.Name == submitted.Name);
        Assert.DoesNotContain(listed, a => a.Name == draft.Name);
        await AssertNotFound(() => _s.Hds.Applications.GetApplicationAsync(new GetApplicationRequest { Name = draft.Name }).ResponseAsync);
    }

    [Fact]
    public async Task Not_found_reads_the_same_for_a_hidden_and_a_missing_application()
    {
        var hidden = (await _s.SubmittedAsync(_s.Ada)).Name;
        var missing = $"applications/{Guid.NewGuid()}";

        var hiddenStatus = await Assert.ThrowsAsync<RpcException>(() =>
            _s.Bjorn.Applications.GetApplicationAsync(new GetApplicationRequest { Name = hidden }).ResponseAsync);
        var missingStatus = await Assert.ThrowsAsync<RpcException>(() =>
            _s.Bjorn.Applications.GetApplicationAsync(new GetApplicationRequest { Name = missing }).ResponseAsync);

        Assert.Equal(missingStatus.Status.Detail.Replace(missing, "X"), hiddenStatus.Status.Detail.Replace(hidden, "X"));
    }

    private static async Task AssertNotFound(Func<Task> call)
    {
        var (code, _) = await FailureOf(call);
        Assert.Equal(StatusCode.NotFound, code);
    }
}
