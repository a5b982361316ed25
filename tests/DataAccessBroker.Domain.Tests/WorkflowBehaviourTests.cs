using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Errors;
using static DataAccessBroker.Domain.Tests.TestApplications;

namespace DataAccessBroker.Domain.Tests;

public sealed class WorkflowBehaviourTests
{
    [Fact]
    public void Submitting_health_research_opens_one_task_for_the_assigned_committee()
    {
        var application = InState(ApplicationState.RekReview);

        var task = Assert.Single(application.Tasks);
        Assert.Equal((Stage.RekReview, "rek-vest", StageTaskStatus.Open), (task.Stage, task.Organisation, task.Status));
        Assert.Equal(Start, task.OpenedTime);
    }

    [Fact]
    public void A_purpose_without_REK_goes_straight_to_the_data_owners_and_records_the_skip()
    {
        var application = Draft(CompleteDetails(Purpose.QualityImprovement));

        application.Submit(Researcher, SeededCatalog, Start);

        Assert.Equal(ApplicationState.DataOwnerReview, application.State);
        Assert.DoesNotContain(application.Tasks, t => t.Stage == Stage.RekReview);
        Assert.Equal(
            [ApplicationAction.Create, ApplicationAction.Submit, ApplicationAction.SkipRekReview],
            application.NewEvents.Select(e => e.Action));
    }

    [Fact]
    public void Data_owners_review_in_parallel_and_the_last_approval_moves_the_application_on()
    {
        var application = InState(ApplicationState.DataOwnerReview);
        var reviews = application.OpenTasks().ToList();
        Assert.Equal(["kreftregisteret", "npr", "reseptregisteret"], reviews.Select(t => t.Organisation).Order());

        application.ApproveTask(reviews[0].Id, Reviewer, null, null, Start);
        application.ApproveTask(reviews[1].Id, Reviewer, null, null, Start);
        Assert.Equal(ApplicationState.DataOwnerReview, application.State);

        application.ApproveTask(reviews[2].Id, Reviewer, null, null, Start.AddDays(3));
        Assert.Equal(ApplicationState.HdsDecision, application.State);
        var hds = Assert.Single(application.OpenTasks());
        Assert.Equal((Stage.HdsDecision, "hds"), (hds.Stage, hds.Organisation));
        Assert.Equal(Start.AddDays(3), hds.OpenedTime);
    }

    [Fact]
    public void One_rejection_rejects_the_application_and_cancels_the_other_reviews()
    {
        var application = InState(ApplicationState.DataOwnerReview);
        var reviews = application.OpenTasks().ToList();
        application.ApproveTask(reviews[0].Id, Reviewer, null, null, Start);

        application.RejectTask(reviews[1].Id, Reviewer, "variables not justified", Start);

        Assert.Equal(ApplicationState.Rejected, application.State);
        Assert.Equal(StageTaskStatus.Approved, application.FindTask(reviews[0].Id).Status);
        Assert.Equal(StageTaskStatus.Rejected, application.FindTask(reviews[1].Id).Status);
        Assert.Equal(StageTaskStatus.Cancelled, application.FindTask(reviews[2].Id).Status);
        Assert.All(application.Tasks.Where(t => t.Stage == Stage.DataOwnerReview), t => Assert.NotNull(t.ClosedTime));
    }

    [Fact]
    public void A_request_for_changes_pauses_the_stage_and_resubmission_resumes_the_same_tasks()
    {
        var application = InState(ApplicationState.DataOwnerReview);
        var reviews = application.OpenTasks().ToList();
        application.ApproveTask(reviews[0].Id, Reviewer, null, null, Start);

        application.RequestChanges(reviews[1].Id, Reviewer, "narrow the cohort", Start);

        Assert.Equal(ApplicationState.AwaitingApplicant, application.State);
        Assert.Equal(Stage.DataOwnerReview, application.ReturnStage);
        Assert.Equal(StageTaskStatus.ChangesRequested, application.FindTask(reviews[1].Id).Status);
        Assert.Equal(StageTaskStatus.Paused, application.FindTask(reviews[2].Id).Status);
        Assert.Throws<WorkflowException>(() => application.ApproveTask(reviews[2].Id, Reviewer, null, null, Start));

        application.Resubmit(Researcher, "cohort narrowed", Start);

        Assert.Equal(ApplicationState.DataOwnerReview, application.State);
        Assert.Null(application.ReturnStage);
        Assert.Equal(StageTaskStatus.Approved, application.FindTask(reviews[0].Id).Status);
        Assert.Equal(StageTaskStatus.Open, application.FindTask(reviews[1].Id).Status);
        Assert.Equal(StageTaskStatus.Open, application.FindTask(reviews[2].Id).Status);
        Assert.Equal(4, application.Tasks.Count); // REK task + the same three reviews: nothing reopened twice
    }

    [Theory]
    [InlineData(ApplicationState.RekReview)]
    [InlineData(ApplicationState.DataOwnerReview)]
    [InlineData(ApplicationState.HdsDecision)]
    public void Resubmission_returns_to_the_stage_that_asked(ApplicationState stage)
    {
        var application = InState(stage);
        application.RequestChanges(application.OpenTasks().First().Id, Reviewer, "more detail", Start);

        application.Resubmit(Researcher, null, Start);

        Assert.Equal(stage, application.State);
    }

    [Fact]
    public void HDS_approval_carries_its_conditions_and_opens_one_delivery_per_source()
    {
        var application = InState(ApplicationState.HdsDecision);

        application.ApproveTask(application.OpenTasks().Single().Id, Reviewer, null, "only inside TSD", Start);

        Assert.Equal(ApplicationState.DataDelivery, application.State);
        Assert.Equal("only inside TSD", application.DecisionConditions);
        Assert.Equal(3, application.OpenTasks().Count(t => t.Stage == Stage.DataDelivery));
    }

    [Fact]
    public void Conditions_belong_to_the_HDS_decision_only()
    {
        var application = InState(ApplicationState.RekReview);

        var refusal = Assert.Throws<InvalidInputException>(() =>
            application.ApproveTask(application.OpenTasks().Single().Id, Reviewer, null, "some condition", Start));

        Assert.Equal("conditions", Assert.Single(refusal.Violations).Field);
        Assert.Equal(StageTaskStatus.Open, application.Tasks.Single().Status);
    }

    [Fact]
    public void Delivery_tasks_are_marked_delivered_not_approved()
    {
        var application = InState(ApplicationState.DataDelivery);
        var delivery = application.OpenTasks().First();

        var refusal = Assert.Throws<WorkflowException>(() => application.ApproveTask(delivery.Id, Reviewer, null, null, Start));

        Assert.Equal("WRONG_TASK_ACTION", refusal.Reason);
    }

    [Fact]
    public void An_incomplete_draft_cannot_be_submitted_and_every_missing_field_is_named()
    {
        var application = Draft(new ApplicationDetails { Title = "Half written", Purpose = Purpose.HealthResearch });

        var refusal = Assert.Throws<WorkflowException>(() => application.Submit(Researcher, SeededCatalog, Start));

        Assert.Equal("APPLICATION_INCOMPLETE", refusal.Reason);
        Assert.Contains(refusal.Violations, v => v.Subject == "rek_committee");
        Assert.Contains(refusal.Violations, v => v.Subject == "data_sources");
        Assert.Contains(refusal.Violations, v => v.Subject == "legal_basis");
        Assert.DoesNotContain(refusal.Violations, v => v.Subject == "title");
        Assert.Equal(ApplicationState.Draft, application.State);
    }

    [Fact]
    public void Routing_is_fixed_after_submission_but_texts_stay_editable_while_awaiting_the_applicant()
    {
        var application = InState(ApplicationState.AwaitingApplicant);

        application.Edit(application.Details with { Summary = "A clearer summary" }, Researcher, Start);
        var refusal = Assert.Throws<WorkflowException>(() => application.Edit(
            application.Details with { DataSources = application.Details.DataSources.Take(1).ToList() }, Researcher, Start));

        Assert.Equal("A clearer summary", application.Details.Summary);
        Assert.Equal("data_sources", Assert.Single(refusal.Violations).Subject);
    }

    [Fact]
    public void Submitted_applications_cannot_be_edited()
    {
        var application = InState(ApplicationState.RekReview);

        var refusal = Assert.Throws<WorkflowException>(() =>
            application.Edit(application.Details with { Title = "New" }, Researcher, Start));

        Assert.Equal("EDIT_NOT_ALLOWED", refusal.Reason);
    }

    [Fact]
    public void Events_are_numbered_in_order_and_the_version_moves_once_per_command()
    {
        var application = InState(ApplicationState.DataOwnerReview);

        Assert.Equal(Enumerable.Range(1, application.NewEvents.Count), application.NewEvents.Select(e => e.Sequence));
        Assert.Equal(1, application.Version);
        Assert.Equal(
            [ApplicationAction.Create, ApplicationAction.Submit, ApplicationAction.ApproveTask],
            application.NewEvents.Select(e => e.Action));
        Assert.Equal(
            (ApplicationState.RekReview, ApplicationState.DataOwnerReview),
            (application.NewEvents[2].FromState, application.NewEvents[2].ToState));
    }

    [Fact]
    public void A_stale_task_etag_is_refused()
    {
        var application = InState(ApplicationState.RekReview);
        var task = application.Tasks.Single();

        Assert.Throws<ConcurrencyException>(() => application.ExpectTaskEtag(task.Id, "\"7\""));
        application.ExpectTaskEtag(task.Id, task.Etag);
    }
}
