using DataAccessBroker.Contracts.V1;
using Grpc.Core;
using static DataAccessBroker.Contracts.V1.Application.Types;
using Action = DataAccessBroker.Contracts.V1.ApplicationEvent.Types.Action;
using static DataAccessBroker.IntegrationTests.Scenario;

namespace DataAccessBroker.IntegrationTests;

/// <summary>Whole applications through the workflow over gRPC, stored in PostgreSQL.</summary>
public sealed class LifecycleTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    private readonly Scenario _s = new(broker);

    [Fact]
    public async Task An_application_for_three_registries_travels_from_draft_to_delivered()
    {
        var submitted = await _s.SubmittedAsync();
        Assert.Equal(State.RekReview, submitted.State);

        await _s.ApproveRekAsync(submitted.Name);
        var inReview = await _s.GetAsync(submitted.Name);
        Assert.Equal(State.DataOwnerReview, inReview.State);
        Assert.Equal(3, inReview.Tasks.Count(t => t.Stage == Stage.DataOwnerReview && t.State == StageTask.Types.State.Open));

        await _s.ApproveDataOwnersAsync(submitted.Name);
        await _s.ApproveHdsAsync(submitted.Name, "Analysis only inside TSD; no linkage to other sources");
        Assert.Equal(State.DataDelivery, (await _s.GetAsync(submitted.Name)).State);

        await _s.DeliverAllAsync(submitted.Name);

        var delivered = await _s.GetAsync(submitted.Name);
        Assert.Equal(State.Delivered, delivered.State);
        Assert.Equal("Analysis only inside TSD; no linkage to other sources", delivered.DecisionConditions);
        Assert.Equal(1 + 3 + 1 + 3, delivered.Tasks.Count);
        Assert.All(delivered.Tasks, t =>
        {
            Assert.NotNull(t.CloseTime);
            Assert.True(t.CloseTime.ToDateTimeOffset() >= t.OpenTime.ToDateTimeOffset());
            Assert.NotEmpty(t.DecidedBy);
        });

        var events = await _s.EventsAsync(submitted.Name);
        Assert.Equal(
        [
            Action.Create, Action.Submit, Action.ApproveTask, Action.ApproveTask, Action.ApproveTask,
            Action.ApproveTask, Action.ApproveTask, Action.MarkDelivered, Action.MarkDelivered, Action.MarkDelivered,
        ], events.Select(e => e.Action));
        Assert.Equal(Enumerable.Range(1, events.Count), events.Select(e => e.Sequence));
        // The state changes in the history are exactly the path taken.
        Assert.Equal(
            [State.Draft, State.RekReview, State.DataOwnerReview, State.HdsDecision, State.DataDelivery, State.Delivered],
            events.Select(e => e.ToState).Prepend(State.Draft).Distinct());
        Assert.All(events.Skip(1).Zip(events), pair => Assert.Equal(pair.Second.ToState, pair.First.FromState));
        Assert.Equal(("vera", "RekReviewer", "rek-vest"), (events[2].Actor, events[2].Role, events[2].Organisation));
        var id = submitted.Name.Split('/')[1];
        Assert.Equal(await broker.Database.CountAsync("application_events", $"application_id = '{id}'"), events.Count);
    }

    [Fact]
    public async Task Quality_improvement_skips_REK_and_records_the_skip()
    {
        var created = await _s.Ada.Applications.CreateApplicationAsync(new CreateApplicationRequest
        {
            Application = CompleteApplication("npr") is var a ? Tweak(a) : null,
        });
        static Application Tweak(Application a)
        {
            a.Purpose = Purpose.QualityImprovement;
            a.RekCommittee = "";
            return a;
        }

        var submitted = await _s.Ada.Applications.SubmitApplicationAsync(
            new SubmitApplicationRequest { Name = created.Application.Name });

        Assert.Equal(State.DataOwnerReview, submitted.Application.State);
        var events = await _s.EventsAsync(created.Application.Name);
        Assert.Equal([Action.Create, Action.Submit, Action.SkipRekReview], events.Select(e => e.Action));
    }

    [Fact]
    public async Task REK_rejection_rejects_the_application()
    {
        var submitted = await _s.SubmittedAsync();
        var task = await _s.QueuedTaskAsync(_s.RekVest, submitted.Name, Stage.RekReview);

        var response = await _s.RekVest.Reviews.RejectTaskAsync(new RejectTaskRequest
        {
            Name = task.Name, Etag = task.Etag, Comment = "The project lacks a valid consent basis.",
        });

        Assert.Equal(State.Rejected, response.ApplicationState);
        Assert.Equal(StageTask.Types.State.Rejected, response.Task.State);
        Assert.Equal("The project lacks a valid consent basis.", (await _s.GetAsync(submitted.Name)).Tasks[0].Comment);
    }

    [Fact]
    public async Task One_data_owner_rejection_rejects_the_application_and_cancels_the_other_reviews()
    {
        var submitted = await _s.SubmittedAsync();
        await _s.ApproveRekAsync(submitted.Name);
        await ApproveAsync(_s.Kreftregisteret, await _s.QueuedTaskAsync(_s.Kreftregisteret, submitted.Name, Stage.DataOwnerReview));

        var npr = await _s.QueuedTaskAsync(_s.Npr, submitted.Name, Stage.DataOwnerReview);
        var response = await _s.Npr.Reviews.RejectTaskAsync(new RejectTaskRequest
        {
            Name = npr.Name, Etag = npr.Etag, Comment = "Requested variables exceed the stated purpose.",
        });

        Assert.Equal(State.Rejected, response.ApplicationState);
        var reviews = (await _s.GetAsync(submitted.Name)).Tasks.Where(t => t.Stage == Stage.DataOwnerReview)
            .ToDictionary(t => t.Organisation, t => t.State);
        Assert.Equal(StageTask.Types.State.Approved, reviews["kreftregisteret"]);
        Assert.Equal(StageTask.Types.State.Rejected, reviews["npr"]);
        Assert.Equal(StageTask.Types.State.Cancelled, reviews["reseptregisteret"]);
        Assert.DoesNotContain((await _s.Reseptregisteret.Reviews.ListTasksAsync(new ListTasksRequest())).Tasks,
            t => t.Application == submitted.Name);
    }

    [Fact]
    public async Task HDS_rejection_rejects_the_application()
    {
        var submitted = await _s.SubmittedAsync();
        await _s.ApproveRekAsync(submitted.Name);
        await _s.ApproveDataOwnersAsync(submitted.Name);
        var task = await _s.QueuedTaskAsync(_s.Hds, submitted.Name, Stage.HdsDecision);

        var response = await _s.Hds.Reviews.RejectTaskAsync(new RejectTaskRequest
        {
            Name = task.Name, Etag = task.Etag, Comment = "Anonymous data would serve the purpose.",
        });

        Assert.Equal(State.Rejected, response.ApplicationState);
        var events = await _s.EventsAsync(submitted.Name);
        Assert.Equal((Action.RejectTask, State.HdsDecision, State.Rejected),
            (events[^1].Action, events[^1].FromState, events[^1].ToState));
    }

    [Theory]
    [InlineData(Stage.RekReview)]
    [InlineData(Stage.DataOwnerReview)]
    [InlineData(Stage.HdsDecision)]
    public async Task A_request_for_changes_waits_on_the_applicant_and_resubmission_returns_to_the_stage_that_asked(Stage stage)
    {
        var submitted = await _s.SubmittedAsync();
        if (stage >= Stage.DataOwnerReview) await _s.ApproveRekAsync(submitted.Name);
        if (stage >= Stage.HdsDecision) await _s.ApproveDataOwnersAsync(submitted.Name);
        var reviewer = stage switch
        {
            Stage.RekReview => _s.RekVest,
            Stage.DataOwnerReview => _s.Npr,
            _ => _s.Hds,
        };
        var task = await _s.QueuedTaskAsync(reviewer, submitted.Name, stage);

        var asked = await reviewer.Reviews.RequestChangesAsync(new RequestChangesRequest
        {
            Name = task.Name, Etag = task.Etag, Comment = "Please narrow the cohort to 2015-2024.",
        });
        Assert.Equal(State.AwaitingApplicant, asked.ApplicationState);
        var waiting = await _s.GetAsync(submitted.Name);
        Assert.Equal(stage, waiting.ReturnStage);
        Assert.DoesNotContain((await reviewer.Reviews.ListTasksAsync(new ListTasksRequest())).Tasks,
            t => t.Application == submitted.Name);

        var edit = waiting.Clone();
        edit.DataSources[0].CohortCriteria = "Adults 40-80, 2015-2024";
        var edited = await _s.Ada.Applications.UpdateApplicationAsync(new UpdateApplicationRequest
        {
            Application = edit, UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "data_sources" } },
        });
        var resubmitted = await _s.Ada.Applications.ResubmitApplicationAsync(new ResubmitApplicationRequest
        {
            Name = submitted.Name, Etag = edited.Application.Etag, Comment = "Cohort narrowed.",
        });

        Assert.Equal((State)((int)stage + 1), resubmitted.Application.State);
        var reopened = await _s.QueuedTaskAsync(reviewer, submitted.Name, stage);
        Assert.Equal(task.Name, reopened.Name);
        Assert.Equal(task.OpenTime, reopened.OpenTime);
        var events = await _s.EventsAsync(submitted.Name);
        Assert.Equal([Action.RequestChanges, Action.Edit, Action.Resubmit], events.TakeLast(3).Select(e => e.Action));
    }

    [Fact]
    public async Task Withdrawing_closes_the_open_tasks_and_a_reviewer_can_no_longer_decide()
    {
        var submitted = await _s.SubmittedAsync();
        await _s.ApproveRekAsync(submitted.Name);
        var npr = await _s.QueuedTaskAsync(_s.Npr, submitted.Name, Stage.DataOwnerReview);

        var withdrawn = await _s.Ada.Applications.WithdrawApplicationAsync(
            new WithdrawApplicationRequest { Name = submitted.Name, Comment = "Funding ended." });

        Assert.Equal(State.Withdrawn, withdrawn.Application.State);
        Assert.All(withdrawn.Application.Tasks.Where(t => t.Stage == Stage.DataOwnerReview),
            t => Assert.Equal(StageTask.Types.State.Cancelled, t.State));
        // Without an etag: the reviewer insists, and the workflow says why not.
        var (code, status) = await FailureOf(() => _s.Npr.Reviews.ApproveTaskAsync(
            new ApproveTaskRequest { Name = npr.Name }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, code);
        Assert.Contains("cancelled", status!.GetDetail<Google.Rpc.PreconditionFailure>().Violations[0].Description);
    }

    [Fact]
    public async Task A_draft_can_be_withdrawn_and_then_never_submitted()
    {
        var created = await _s.Ada.Applications.CreateApplicationAsync(
            new CreateApplicationRequest { Application = CompleteApplication() });
        await _s.Ada.Applications.WithdrawApplicationAsync(new WithdrawApplicationRequest { Name = created.Application.Name });

        var (code, status) = await FailureOf(() => _s.Ada.Applications.SubmitApplicationAsync(
            new SubmitApplicationRequest { Name = created.Application.Name }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, code);
        Assert.Equal("ILLEGAL_TRANSITION", status!.GetDetail<Google.Rpc.ErrorInfo>().Reason);
        Assert.Contains("Withdrawn", status.GetDetail<Google.Rpc.PreconditionFailure>().Violations[0].Description);
    }

    [Fact]
    public async Task An_illegal_transition_writes_nothing()
    {
        var submitted = await _s.SubmittedAsync();
        var eventsBefore = await broker.Database.CountAsync("application_events");

        var (code, _) = await FailureOf(() => _s.Ada.Applications.SubmitApplicationAsync(
            new SubmitApplicationRequest { Name = submitted.Name }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, code);
        Assert.Equal(eventsBefore, await broker.Database.CountAsync("application_events"));
        Assert.Equal(submitted.Etag, (await _s.GetAsync(submitted.Name)).Etag);
    }

    [Fact]
    public async Task What_a_command_returns_is_what_was_stored()
    {
        var created = (await _s.Ada.Applications.CreateApplicationAsync(
            new CreateApplicationRequest { Application = CompleteApplication() })).Application;

        Assert.Equal(created, await _s.GetAsync(created.Name));
    }

    [Fact]
    public async Task Lists_page_with_opaque_tokens_and_lose_nothing()
    {
        var applicant = broker.As($"pager-{Guid.NewGuid():N}", "uio", "Applicant");
        var created = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            created.Add((await applicant.Applications.CreateApplicationAsync(
                new CreateApplicationRequest { Application = CompleteApplication() })).Application.Name);
        }

        var seen = new List<string>();
        var token = "";
        do
        {
            var page = await applicant.Applications.ListApplicationsAsync(
                new ListApplicationsRequest { PageSize = 3, PageToken = token });
            Assert.True(page.Applications.Count <= 3);
            seen.AddRange(page.Applications.Select(a => a.Name));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(created.AsEnumerable().Reverse(), seen);
    }
}
