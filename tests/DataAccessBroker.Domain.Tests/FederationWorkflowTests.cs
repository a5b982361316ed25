using DataAccessBroker.Domain.Access;
using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Catalog;
using DataAccessBroker.Domain.Errors;
using DataAccessBroker.Domain.Federation;
using static DataAccessBroker.Domain.Tests.TestApplications;

namespace DataAccessBroker.Domain.Tests;

/// <summary>
/// One application across nodes, without I/O: the home node's peer assessments and the messages they exchange, and a
/// forwarded part's own workflow at the peer reporting home.
/// </summary>
public sealed class FederationWorkflowTests
{
    private static readonly Actor Denmark = new("node:dk", "Sundhedsdatastyrelsen", Roles.Node, "dk");
    private static readonly Actor Finland = new("node:fi", "Findata", Roles.Node, "fi");
    private static readonly Actor Norway = new("node:no", "Helsedataservice", Roles.Node, "no");

    private static CatalogSnapshot Federated(params string[] staleNodes) => new(
        [.. CatalogSeed.DataSourcesOf("no"), .. CatalogSeed.DataSourcesOf("dk"), .. CatalogSeed.DataSourcesOf("fi")],
        CatalogSeed.RekCommittees, "no", staleNodes.ToHashSet());

    /// <summary>Kreftregisteret here, Landspatientregistret in Denmark, the Finnish Cancer Registry in Finland.</summary>
    private static DataAccessApplication CrossBorder(string[]? sources = null)
    {
        var a = Draft(CompleteDetails(Purpose.HealthResearch,
            sources ?? ["kreftregisteret", "landspatientregistret", "syoparekisteri"]));
        a.Submit(Researcher, Federated(), Start);
        return a;
    }

    private static DataAccessApplication InDataOwnerReview(string[]? sources = null)
    {
        var a = CrossBorder(sources);
        a.CompleteStage(); // REK at home
        Assert.Equal(ApplicationState.DataOwnerReview, a.State);
        return a;
    }

    private static StageTask PeerAssessment(DataAccessApplication a, string node) =>
        a.Tasks.Single(t => t.Node == node && t.Stage == Stage.DataOwnerReview);

    private static void ApproveDomestic(DataAccessApplication a, Stage stage)
    {
        foreach (var task in a.OpenTasks().Where(t => t.Node is null && t.Stage == stage))
        {
            if (stage == Stage.DataDelivery) a.MarkDelivered(task.Id, Reviewer, null, Start);
            else a.ApproveTask(task.Id, Reviewer, "ok", stage == Stage.HdsDecision ? "in TSD only" : null, Start);
        }
    }

    [Fact]
    public void Submission_routes_this_nodes_sources_to_owners_and_pins_the_others_to_their_nodes()
    {
        var a = CrossBorder();

        Assert.Equal(new Dictionary<string, string> { ["kreftregisteret"] = "kreftregisteret" }, a.SourceOrganisations);
        Assert.Equal(new Dictionary<string, string> { ["landspatientregistret"] = "dk", ["syoparekisteri"] = "fi" }, a.SourceNodes);
        // Nothing leaves before the ethics review at home is done.
        Assert.Equal(ApplicationState.RekReview, a.State);
        Assert.Empty(a.Outgoing);
    }

    [Fact]
    public void The_data_owner_review_opens_one_assessment_per_peer_and_forwards_each_peer_only_its_sources()
    {
        var a = InDataOwnerReview();

        var domestic = Assert.Single(a.OpenTasks(), t => t.Node is null);
        Assert.Equal("kreftregisteret", domestic.DataSource);
        foreach (var node in new[] { "dk", "fi" })
        {
            var assessment = PeerAssessment(a, node);
            Assert.Equal(node, assessment.Organisation);
            Assert.Null(assessment.DataSource);
            Assert.Equal(node, assessment.Body);
        }

        var forwards = a.Outgoing.OfType<FederationMessage.Forward>().ToDictionary(f => f.Destination);
        Assert.Equal(["landspatientregistret"], forwards["dk"].Part.DataSources.Select(s => s.DataSource));
        Assert.Equal(["syoparekisteri"], forwards["fi"].Part.DataSources.Select(s => s.DataSource));
        Assert.All(forwards.Values, f => Assert.Equal(Researcher.Subject, f.Applicant));
        Assert.All(forwards.Values, f => Assert.Equal("rek-vest", f.Part.RekCommittee));
        Assert.Equal(2, a.NewEvents.Count(e => e.Action == ApplicationAction.ForwardToPeer));
    }

    [Fact]
    public void A_source_of_a_node_whose_catalog_is_stale_cannot_be_applied_for()
    {
        var a = Draft(CompleteDetails(Purpose.HealthResearch, "kreftregisteret", "landspatientregistret"));

        var refusal = Assert.Throws<WorkflowException>(() => a.Submit(Researcher, Federated("dk"), Start));

        Assert.Equal("PEER_CATALOG_STALE", refusal.Reason);
        Assert.Equal(ApplicationState.Draft, a.State);
        Assert.Empty(a.SourceNodes);
    }

    [Fact]
    public void Nobody_here_decides_a_peer_assessment()
    {
        var a = InDataOwnerReview();
        var hds = new Caller("hanne", "Hanne", new HashSet<string> { Roles.HdsCaseOfficer, Roles.DataOwner }, "dk");

        Assert.Null(ApplicationAccess.DecidingRole(hds, PeerAssessment(a, "dk")));
    }

    [Fact]
    public void A_peer_status_is_history_only_in_words_with_the_node_as_actor()
    {
        var a = InDataOwnerReview();

        a.RecordPeerStatus(Denmark, ApplicationState.HdsDecision, Start);

        var recorded = a.NewEvents[^1];
        Assert.Equal((ApplicationAction.PeerStatus, "dk: hds decision", "node:dk"), (recorded.Action, recorded.Comment, recorded.Actor.Subject));
        Assert.Equal(PeerAssessment(a, "dk").Id, recorded.TaskId);
        Assert.Equal(ApplicationState.DataOwnerReview, a.State);
    }

    [Fact]
    public void A_peer_approval_closes_its_assessment_and_opens_its_deliveries_and_the_last_approval_moves_the_stage()
    {
        var a = InDataOwnerReview();
        ApproveDomestic(a, Stage.DataOwnerReview);

        a.RecordPeerDecision(Denmark, true, "aggregate results only", "approved", Start);

        Assert.Equal(StageTaskStatus.Approved, PeerAssessment(a, "dk").Status);
        Assert.Equal("aggregate results only", PeerAssessment(a, "dk").Conditions);
        var delivery = Assert.Single(a.Tasks, t => t.Stage == Stage.DataDelivery);
        Assert.Equal(("dk", "landspatientregistret", StageTaskStatus.Open), (delivery.Node, delivery.DataSource, delivery.Status));
        Assert.Equal(ApplicationState.DataOwnerReview, a.State);

        a.RecordPeerDecision(Finland, true, null, null, Start);

        Assert.Equal(ApplicationState.HdsDecision, a.State);
    }

    [Fact]
    public void Peer_deliveries_that_come_before_the_home_decision_complete_the_delivery_stage_when_it_opens()
    {
        var a = InDataOwnerReview();
        ApproveDomestic(a, Stage.DataOwnerReview);
        a.RecordPeerDecision(Denmark, true, null, null, Start);
        a.RecordPeerDecision(Finland, true, null, null, Start);
        a.RecordPeerDelivery(Denmark, "landspatientregistret", null, Start);
        a.RecordPeerDelivery(Finland, "syoparekisteri", null, Start);
        ApproveDomestic(a, Stage.HdsDecision);
        Assert.Equal(ApplicationState.DataDelivery, a.State);

        ApproveDomestic(a, Stage.DataDelivery);

        Assert.Equal(ApplicationState.Delivered, a.State);
        Assert.All(a.Tasks.Where(t => t.Stage == Stage.DataDelivery), t => Assert.Equal(StageTaskStatus.Delivered, t.Status));
    }

    [Fact]
    public void When_every_task_of_a_stage_was_done_before_it_opened_the_stage_completes_at_once()
    {
        var a = InDataOwnerReview(["landspatientregistret"]);
        a.RecordPeerDecision(Denmark, true, null, null, Start);
        Assert.Equal(ApplicationState.HdsDecision, a.State);
        a.RecordPeerDelivery(Denmark, "landspatientregistret", null, Start);

        ApproveDomestic(a, Stage.HdsDecision);

        Assert.Equal(ApplicationState.Delivered, a.State);
        Assert.Contains(a.NewEvents, e => e.Action == ApplicationAction.StageCompleted && e.ToState == ApplicationState.Delivered);
    }

    [Fact]
    public void A_peer_rejection_rejects_the_application_and_withdraws_the_other_peers_parts()
    {
        var a = InDataOwnerReview();

        a.RecordPeerDecision(Finland, false, null, "no legal basis in Finland", Start);

        Assert.Equal(ApplicationState.Rejected, a.State);
        Assert.Equal(StageTaskStatus.Rejected, PeerAssessment(a, "fi").Status);
        Assert.Equal(StageTaskStatus.Cancelled, PeerAssessment(a, "dk").Status);
        var withdrawal = Assert.Single(a.Outgoing.OfType<FederationMessage.Withdraw>());
        Assert.Equal("dk", withdrawal.Destination);
    }

    [Fact]
    public void A_peer_request_for_changes_waits_on_the_applicant_and_the_resubmission_goes_to_that_peer_only()
    {
        var a = InDataOwnerReview();
        var sentBefore = a.Outgoing.Count;

        a.RecordPeerChangesRequested(Denmark, "narrow the cohort to 2015 onwards", Now);

        Assert.Equal(ApplicationState.AwaitingApplicant, a.State);
        Assert.Equal(StageTaskStatus.ChangesRequested, PeerAssessment(a, "dk").Status);
        Assert.Equal(StageTaskStatus.Paused, PeerAssessment(a, "fi").Status);

        a.Edit(a.Details with { Summary = "Cohort from 2015." }, Researcher, Now);
        a.Resubmit(Researcher, "narrowed", Now);

        Assert.Equal(ApplicationState.DataOwnerReview, a.State);
        var resubmit = Assert.Single(a.Outgoing.Skip(sentBefore).OfType<FederationMessage.Resubmit>());
        Assert.Equal("dk", resubmit.Destination);
        Assert.Equal("Cohort from 2015.", resubmit.Part.Summary);
        Assert.Equal(["landspatientregistret"], resubmit.Part.DataSources.Select(s => s.DataSource));
        Assert.Equal(StageTaskStatus.Open, PeerAssessment(a, "dk").Status);
    }

    [Fact]
    public void A_peer_that_asks_while_the_applicant_is_already_asked_is_added_to_those_who_asked()
    {
        var a = InDataOwnerReview();
        a.RequestChanges(a.OpenTasks().Single(t => t.Node is null).Id, Reviewer, "which variables?", Now);
        var sentBefore = a.Outgoing.Count;

        a.RecordPeerChangesRequested(Finland, "add a data management plan", Now);
        a.Resubmit(Researcher, null, Now);

        Assert.Equal(["fi"], a.Outgoing.Skip(sentBefore).OfType<FederationMessage.Resubmit>().Select(m => m.Destination));
    }

    [Fact]
    public void Withdrawing_at_home_withdraws_every_unfinished_peer_part()
    {
        var a = InDataOwnerReview();
        a.RecordPeerDecision(Denmark, true, null, null, Start);

        a.Withdraw(Researcher, "project cancelled", Now);

        // Denmark's delivery was unfinished too, so both peers hear of it.
        Assert.Equal(["dk", "fi"], a.Outgoing.OfType<FederationMessage.Withdraw>().Select(m => m.Destination).Order());
    }

    [Fact]
    public void A_message_that_no_longer_applies_is_recorded_as_ignored_and_changes_nothing()
    {
        var a = InDataOwnerReview();
        a.Withdraw(Researcher, "project cancelled", Now);
        var version = a.Tasks.Select(t => (t.Id, t.Status)).ToList();

        a.RecordPeerDecision(Denmark, true, null, null, Now);

        Assert.Equal(version, a.Tasks.Select(t => (t.Id, t.Status)).ToList());
        Assert.Equal(ApplicationState.Withdrawn, a.State);
        Assert.Contains("ignored", a.NewEvents[^1].Comment);
    }

    [Fact]
    public void A_node_that_is_not_party_to_the_application_finds_no_peer_assessment()
    {
        var a = InDataOwnerReview(["kreftregisteret", "landspatientregistret"]);
        var sweden = new Actor("node:se", "Socialstyrelsen", Roles.Node, "se");

        Assert.True(a.HasPartyNode("dk"));
        Assert.False(a.HasPartyNode("se"));
        Assert.Throws<NotFoundException>(() => a.RecordPeerDecision(sweden, true, null, null, Now));
    }

    [Fact]
    public void A_forwarded_part_runs_the_peers_own_workflow_without_ethics_review_and_reports_each_move_home()
    {
        var part = CompleteDetails(Purpose.HealthResearch, "landspatientregistret") with { RekCommittee = "" };
        var origin = new ApplicationOrigin("no", Guid.NewGuid());
        var a = DataAccessApplication.CreateForwarded(Guid.NewGuid(), origin, Norway, "ada", part, Now);
        var danish = new CatalogSnapshot(CatalogSeed.DataSourcesOf("dk"), [], "dk");

        a.Submit(Norway, danish, Now);

        Assert.Equal("no/ada", a.OwnerSubject);
        Assert.Equal(ApplicationState.DataOwnerReview, a.State);
        Assert.Equal(new Dictionary<string, string> { ["landspatientregistret"] = "sds" }, a.SourceOrganisations);
        Assert.Equal([new FederationMessage.Status("no", ApplicationState.DataOwnerReview)], a.Outgoing);

        a.RequestChanges(a.OpenTasks().Single().Id, Reviewer, "which diagnoses?", Now);
        Assert.Contains(new FederationMessage.ChangesRequested("no", "which diagnoses?"), a.Outgoing);

        a.ResubmitFromHome(Norway, part with { Summary = "ICD-10 C18-C20" }, "answered", Now);
        Assert.Equal(ApplicationState.DataOwnerReview, a.State);
        Assert.Equal("ICD-10 C18-C20", a.Details.Summary);
        // The move home asked for is not reported back.
        Assert.DoesNotContain(new FederationMessage.Status("no", ApplicationState.DataOwnerReview), a.Outgoing.Skip(1));

        a.CompleteStage(); // the Danish owner
        a.CompleteStage(); // the Danish access body
        Assert.Contains(a.Outgoing, m => m is FederationMessage.Decision { Approved: true, Conditions: "no linkage outside TSD" });
        a.CompleteStage(); // the Danish delivery
        Assert.Equal(ApplicationState.Delivered, a.State);
        Assert.Contains(a.Outgoing, m => m is FederationMessage.Delivered { DataSource: "landspatientregistret" });
    }

    [Fact]
    public void A_forwarded_part_rejected_at_the_peer_tells_home_and_a_withdrawal_from_home_ends_the_part()
    {
        var part = CompleteDetails(Purpose.HealthResearch, "hilmo") with { RekCommittee = "" };
        var rejected = DataAccessApplication.CreateForwarded(Guid.NewGuid(), new("no", Guid.NewGuid()), Norway, "ada", part, Now);
        var finnish = new CatalogSnapshot(CatalogSeed.DataSourcesOf("fi"), [], "fi");
        rejected.Submit(Norway, finnish, Now);

        rejected.RejectTask(rejected.OpenTasks().Single().Id, Reviewer, "outside THL's remit", Now);

        Assert.Contains(rejected.Outgoing, m => m is FederationMessage.Decision { Approved: false, Comment: "outside THL's remit" });

        var withdrawn = DataAccessApplication.CreateForwarded(Guid.NewGuid(), new("no", Guid.NewGuid()), Norway, "ada", part, Now);
        withdrawn.Submit(Norway, finnish, Now);
        var sent = withdrawn.Outgoing.Count;
        withdrawn.WithdrawFromHome(Norway, "Rejected", Now);

        Assert.Equal(ApplicationState.Withdrawn, withdrawn.State);
        Assert.Equal(sent, withdrawn.Outgoing.Count);
        Assert.True(withdrawn.HasPartyNode("no"));
        Assert.False(withdrawn.HasPartyNode("dk"));
    }

    private static readonly DateTimeOffset Now = Start.AddDays(3);
}
