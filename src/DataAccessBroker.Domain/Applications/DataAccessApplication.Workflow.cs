using DataAccessBroker.Domain.Errors;
using DataAccessBroker.Domain.Federation;
using Stateless;
using Stateless.Graph;
using Stateless.Reflection;

namespace DataAccessBroker.Domain.Applications;

/// <summary>The application's state machine (docs/design.md §2). State is stored in the entity; the machine only drives it.</summary>
public sealed partial class DataAccessApplication
{
    private readonly StateMachine<ApplicationState, ApplicationTrigger> _machine;
    private DateTimeOffset _transitionTime;

    /// <summary>The machine as a Mermaid state diagram, generated from the configuration so the docs cannot drift.</summary>
    public static string WorkflowDiagram() =>
        MermaidGraph.Format(CreateDraft(Guid.Empty, Actor.System, new ApplicationDetails(), DateTimeOffset.UnixEpoch)
            ._machine.GetInfo());

    private StateMachine<ApplicationState, ApplicationTrigger> CreateMachine()
    {
        var machine = new StateMachine<ApplicationState, ApplicationTrigger>(() => State, s => State = s);

        machine.Configure(ApplicationState.Draft)
            .PermitIf(ApplicationTrigger.Submit, ApplicationState.RekReview,
                () => NeedsRekReviewHere, "the purpose requires REK review here")
            .PermitIf(ApplicationTrigger.Submit, ApplicationState.DataOwnerReview,
                () => !NeedsRekReviewHere, "no REK review here (purpose, or a forwarded part's ethics approval)")
            .Permit(ApplicationTrigger.Withdraw, ApplicationState.Withdrawn);

        ConfigureReviewStage(machine, ApplicationState.RekReview, ApplicationState.DataOwnerReview)
            .OnEntryFrom(ApplicationTrigger.Submit, OpenRekTask, "open the REK committee's task");

        ConfigureReviewStage(machine, ApplicationState.DataOwnerReview, ApplicationState.HdsDecision)
            .OnEntryFrom(ApplicationTrigger.Submit, OpenDataOwnerReviews, "open one review per data source here, one assessment per peer node")
            .OnEntryFrom(ApplicationTrigger.CompleteStage, OpenDataOwnerReviews, "open one review per data source here, one assessment per peer node");

        ConfigureReviewStage(machine, ApplicationState.HdsDecision, ApplicationState.DataDelivery)
            .OnEntryFrom(ApplicationTrigger.CompleteStage, OpenHdsTask, "open the HDS decision task");

        machine.Configure(ApplicationState.DataDelivery)
            .OnEntryFrom(ApplicationTrigger.CompleteStage, OpenDeliveries, "open one delivery per data source")
            .PermitIf(ApplicationTrigger.CompleteStage, ApplicationState.Delivered,
                CurrentStageTasksAllDone, "every data source has delivered, here and at peers")
            .Permit(ApplicationTrigger.Withdraw, ApplicationState.Withdrawn);

        machine.Configure(ApplicationState.AwaitingApplicant)
            .OnEntry(PauseReturnStage, "pause the stage's other open tasks")
            .PermitDynamic(ApplicationTrigger.Resubmit, () => ReturnStage!.Value.ToState(),
                "back to the stage that asked for changes",
                new DynamicStateInfos
                {
                    { ApplicationState.RekReview, "REK asked" },
                    { ApplicationState.DataOwnerReview, "a data owner asked" },
                    { ApplicationState.HdsDecision, "HDS asked" },
                })
            .Permit(ApplicationTrigger.Lapse, ApplicationState.Lapsed)
            // A peer node may reject its part while the applicant is being asked by someone else.
            .Permit(ApplicationTrigger.Reject, ApplicationState.Rejected)
            .Permit(ApplicationTrigger.Withdraw, ApplicationState.Withdrawn);

        foreach (var closed in new[] { ApplicationState.Rejected, ApplicationState.Withdrawn, ApplicationState.Lapsed })
        {
            machine.Configure(closed).OnEntry(CancelUnfinishedTasks, "cancel unfinished tasks");
        }

        machine.Configure(ApplicationState.Delivered);
        return machine;
    }

    private StateMachine<ApplicationState, ApplicationTrigger>.StateConfiguration ConfigureReviewStage(
        StateMachine<ApplicationState, ApplicationTrigger> machine, ApplicationState stage, ApplicationState next) =>
        machine.Configure(stage)
            .OnEntryFrom(ApplicationTrigger.Resubmit, ResumeReturnStage, "resume the stage's tasks")
            .PermitIf(ApplicationTrigger.CompleteStage, next, CurrentStageTasksAllDone, "every task of the stage is approved")
            .Permit(ApplicationTrigger.Reject, ApplicationState.Rejected)
            .Permit(ApplicationTrigger.RequestChanges, ApplicationState.AwaitingApplicant)
            .Permit(ApplicationTrigger.Withdraw, ApplicationState.Withdrawn);

    private void Fire(
        ApplicationTrigger trigger, ApplicationAction action, Actor actor, Guid? taskId, string? comment,
        DateTimeOffset now)
    {
        RequireCanFire(trigger);
        var from = State;
        var sent = _outgoing.Count;
        _transitionTime = now;
        _machine.Fire(trigger);
        Record(action, from, actor, taskId, comment, now);
        for (var i = sent; i < _outgoing.Count; i++)
        {
            if (_outgoing[i] is not FederationMessage.Forward forward) continue;
            Append(ApplicationAction.ForwardToPeer, State, Actor.System, PeerAssessmentOf(forward.Destination)?.Id,
                $"{forward.Destination}: {string.Join(", ", forward.Part.DataSources.Select(r => r.DataSource))}", now);
        }

        // A forwarded part reports every move to its home node, except those the home node itself asked for.
        if (Origin is not null && from != State && !_answeringHome)
        {
            _outgoing.Add(new FederationMessage.Status(Origin.Node, State));
        }
    }

    /// <summary>REK reviews here unless the purpose needs none or a forwarded part brought its ethics approval along.</summary>
    private bool NeedsRekReviewHere => Details.RequiresRekReview && (Origin is null || Details.RekCommittee.Length > 0);

    private void RequireCanFire(ApplicationTrigger trigger)
    {
        if (_machine.CanFire(trigger, out var unmetGuards)) return;

        // Stateless reports no guard list at all when the state has no transition for the trigger.
        var violations = unmetGuards is { Count: > 0 }
            ? unmetGuards.Select(g => new PreconditionViolation("GUARD", ResourceName, $"not allowed until {g}"))
            : [new PreconditionViolation("STATE", ResourceName, $"cannot {Describe(trigger)} an application that is {State}")];
        throw new WorkflowException("ILLEGAL_TRANSITION", violations.ToList());
    }

    private static string Describe(ApplicationTrigger trigger) => trigger switch
    {
        ApplicationTrigger.Submit => "submit",
        ApplicationTrigger.CompleteStage => "complete the stage of",
        ApplicationTrigger.Reject => "reject",
        ApplicationTrigger.RequestChanges => "request changes to",
        ApplicationTrigger.Resubmit => "resubmit",
        ApplicationTrigger.Withdraw => "withdraw",
        ApplicationTrigger.Lapse => "lapse",
        _ => trigger.ToString(),
    };

    private bool CurrentStageTasksAllDone()
    {
        var stage = State.ToStage();
        var tasks = _tasks.Where(t => t.Stage == stage).ToList();
        var done = stage == Stage.DataDelivery ? StageTaskStatus.Delivered : StageTaskStatus.Approved;
        return tasks.Count > 0 && tasks.All(t => t.Status == done);
    }

    private void OpenRekTask() => OpenTask(Stage.RekReview, Details.RekCommittee, null);

    /// <summary>
    /// One review per data source of this node, and one peer assessment per other node, which gets the part that
    /// concerns it.
    /// </summary>
    private void OpenDataOwnerReviews()
    {
        OpenDataSourceTasks(Stage.DataOwnerReview);
        foreach (var peer in _sourceNodes.Values.Distinct().Order(StringComparer.Ordinal))
        {
            OpenTask(Stage.DataOwnerReview, peer, null, peer);
            _outgoing.Add(new FederationMessage.Forward(peer, PartFor(peer), OwnerSubject));
        }
    }

    private void OpenHdsTask() => OpenTask(Stage.HdsDecision, HdsOrganisation, null);

    /// <summary>Deliveries of this node's sources; a peer's deliveries opened when the peer decided.</summary>
    private void OpenDeliveries() => OpenDataSourceTasks(Stage.DataDelivery);

    private void OpenDataSourceTasks(Stage stage)
    {
        foreach (var request in Details.DataSources.Where(r => _sourceOrganisations.ContainsKey(r.DataSource)))
        {
            OpenTask(stage, _sourceOrganisations[request.DataSource], request.DataSource);
        }
    }

    private void OpenTask(Stage stage, string organisation, string? dataSource, string? node = null) =>
        _tasks.Add(new StageTask(Guid.CreateVersion7(_transitionTime), stage, organisation, dataSource, _transitionTime,
            node));

    /// <summary>What a peer node gets of the application: everything but the other nodes' sources.</summary>
    private ApplicationDetails PartFor(string peer) => Details with
    {
        DataSources = Details.DataSources.Where(r => _sourceNodes.GetValueOrDefault(r.DataSource) == peer).ToList(),
    };

    private void PauseReturnStage()
    {
        foreach (var task in _tasks.Where(t => t.Stage == ReturnStage && t.Status == StageTaskStatus.Open))
        {
            task.Pause();
        }
    }

    private void ResumeReturnStage()
    {
        foreach (var task in _tasks.Where(t => t.Status is StageTaskStatus.Paused or StageTaskStatus.ChangesRequested))
        {
            task.Resume();
        }

        ReturnStage = null;
    }

    /// <summary>Every unfinished task ends, and every peer node whose part was unfinished is told.</summary>
    private void CancelUnfinishedTasks()
    {
        var peers = _tasks.Where(t => t is { IsClosed: false, Node: not null }).Select(t => t.Node!).Distinct().ToList();
        foreach (var task in _tasks.Where(t => !t.IsClosed))
        {
            task.Cancel(_transitionTime);
        }

        foreach (var peer in peers) _outgoing.Add(new FederationMessage.Withdraw(peer, State.ToString()));
        ReturnStage = null;
    }
}
