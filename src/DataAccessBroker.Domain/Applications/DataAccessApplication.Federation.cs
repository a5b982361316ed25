using DataAccessBroker.Domain.Errors;
using DataAccessBroker.Domain.Federation;

namespace DataAccessBroker.Domain.Applications;

/// <summary>
/// An application across broker nodes. At its home node, the sources of other nodes are peer assessments: one task
/// per peer in the data-owner review, closed by the peer's decision, and one delivery task per peer source, closed by
/// the peer's delivery. At a peer node, the forwarded part runs through the peer's own workflow and reports each step
/// home. Messages a node receives are recorded with the sending node as actor; one that no longer applies (the
/// application moved on meanwhile) is recorded as ignored and changes nothing.
/// </summary>
public sealed partial class DataAccessApplication
{
    /// <summary>Set while a forwarded part carries out what its home node asked, which it does not report back.</summary>
    private bool _answeringHome;

    /// <summary>A peer's part of an application homed elsewhere, as its home node forwarded it.</summary>
    /// <param name="applicant">The applicant's subject at the home node, which vouches for them.</param>
    public static DataAccessApplication CreateForwarded(
        Guid id, ApplicationOrigin origin, Actor homeNode, string applicant, ApplicationDetails part, DateTimeOffset now) =>
        Create(id, $"{origin.Node}/{applicant}", homeNode, part, origin, now);

    /// <summary>
    /// Whether a node takes part in this application: at home, a node whose sources it asks for; at a peer, the home
    /// node. Only such a node may send messages about it.
    /// </summary>
    public bool HasPartyNode(string node) => Origin is not null ? Origin.Node == node : _sourceNodes.ContainsValue(node);

    /// <summary>At home: the peer's part moved on. History only; the application's state is its own.</summary>
    public void RecordPeerStatus(Actor node, ApplicationState peerState, DateTimeOffset now) =>
        Append(ApplicationAction.PeerStatus, State, node, PeerAssessmentOf(node.Organisation)?.Id,
            $"{node.Organisation}: {InWords(peerState)}", now);

    /// <summary>"DataOwnerReview" → "data owner review": the history is read by people.</summary>
    private static string InWords(ApplicationState state) =>
        System.Text.RegularExpressions.Regex.Replace(state.ToString(), "(?<=[a-z])(?=[A-Z])", " ").ToLowerInvariant();

    /// <summary>
    /// At home: the peer asks the applicant for changes. While the peer's assessment is open, the application waits
    /// on the applicant as for any reviewer; if it waits already, the peer is added to those who asked.
    /// </summary>
    public void RecordPeerChangesRequested(Actor node, string comment, DateTimeOffset now)
    {
        var task = RequirePeerAssessment(node);
        if (task.Status == StageTaskStatus.Open && State == ApplicationState.DataOwnerReview)
        {
            task.Decide(StageTaskStatus.ChangesRequested, node, comment, null, now);
            ReturnStage = task.Stage;
            Fire(ApplicationTrigger.RequestChanges, ApplicationAction.PeerChangesRequested, node, task.Id, comment, now);
        }
        else if (task.Status == StageTaskStatus.Paused)
        {
            task.Decide(StageTaskStatus.ChangesRequested, node, comment, null, now);
            Record(ApplicationAction.PeerChangesRequested, State, node, task.Id, comment, now);
        }
        else
        {
            Ignore(ApplicationAction.PeerChangesRequested, node, task, comment, now);
        }
    }

    /// <summary>
    /// At home: the peer's access body decided. An approval closes the peer assessment (the stage moves on once every
    /// task of it is approved) and opens the delivery tasks of the peer's sources; a rejection rejects the
    /// application, as a data owner's would.
    /// </summary>
    public void RecordPeerDecision(Actor node, bool approved, string? conditions, string? comment, DateTimeOffset now)
    {
        var task = RequirePeerAssessment(node);
        if (task.IsClosed || State.IsTerminal())
        {
            Ignore(ApplicationAction.PeerDecision, node, task, approved ? "approved" : "rejected", now);
            return;
        }

        if (!approved)
        {
            task.Decide(StageTaskStatus.Rejected, node, conditions ?? comment, null, now);
            Fire(ApplicationTrigger.Reject, ApplicationAction.PeerDecision, node, task.Id, conditions ?? comment, now);
            return;
        }

        task.Decide(StageTaskStatus.Approved, node, comment, conditions, now);
        _transitionTime = now;
        foreach (var source in _sourceNodes.Where(s => s.Value == node.Organisation).Select(s => s.Key).Order(StringComparer.Ordinal))
        {
            OpenTask(Stage.DataDelivery, node.Organisation, source, node.Organisation);
        }

        CompleteStageOrRecord(ApplicationAction.PeerDecision, node, task, conditions ?? comment, now);
    }

    /// <summary>At home: the peer delivered one of its sources.</summary>
    public void RecordPeerDelivery(Actor node, string dataSource, string? comment, DateTimeOffset now)
    {
        RequirePeerAssessment(node);
        var task = _tasks.FirstOrDefault(t => t.Node == node.Organisation && t.Stage == Stage.DataDelivery
                                              && t.DataSource == dataSource && t.Status == StageTaskStatus.Open);
        if (task is null)
        {
            Ignore(ApplicationAction.PeerDelivered, node, null, dataSource, now);
            return;
        }

        task.Decide(StageTaskStatus.Delivered, node, comment, null, now);
        CompleteStageOrRecord(ApplicationAction.PeerDelivered, node, task, comment, now);
    }

    /// <summary>At a peer: the applicant answered this node's request for changes at home.</summary>
    public void ResubmitFromHome(Actor homeNode, ApplicationDetails part, string? comment, DateTimeOffset now)
    {
        if (State != ApplicationState.AwaitingApplicant)
        {
            Ignore(ApplicationAction.Resubmit, homeNode, null, comment, now);
            return;
        }

        AnswerHome(() =>
        {
            // The committee is this node's own (or none); the home node's approval stays in the reference.
            Edit(part with { RekCommittee = Details.RekCommittee }, homeNode, now);
            Resubmit(homeNode, comment, now);
        });
    }

    /// <summary>At a peer: the application ended at home, so this part ends too.</summary>
    public void WithdrawFromHome(Actor homeNode, string reason, DateTimeOffset now)
    {
        if (State.IsTerminal())
        {
            Ignore(ApplicationAction.Withdraw, homeNode, null, reason, now);
            return;
        }

        AnswerHome(() => Withdraw(homeNode, $"ended at {homeNode.Organisation}: {reason}", now));
    }

    private StageTask? PeerAssessmentOf(string node) =>
        _tasks.FirstOrDefault(t => t.Node == node && t.Stage == Stage.DataOwnerReview);

    private StageTask RequirePeerAssessment(Actor node) =>
        PeerAssessmentOf(node.Organisation) ?? throw new NotFoundException(ResourceName);

    private void AnswerHome(Action change)
    {
        _answeringHome = true;
        try
        {
            change();
        }
        finally
        {
            _answeringHome = false;
        }
    }

    /// <summary>A message that no longer applies: kept in the history, changing nothing.</summary>
    private void Ignore(ApplicationAction action, Actor node, StageTask? task, string? what, DateTimeOffset now) =>
        Append(action, State, node, task?.Id, $"ignored, the application is {State}: {what}", now);
}
