using DataAccessBroker.Domain.Catalog;
using DataAccessBroker.Domain.Errors;
using DataAccessBroker.Domain.Federation;

namespace DataAccessBroker.Domain.Applications;

/// <summary>
/// A data-access application: the aggregate root. Its state changes only through the intent methods below, which run
/// the Stateless machine configured in <c>DataAccessApplication.Workflow.cs</c>; every change appends to
/// <see cref="NewEvents"/>, which the repository stores in the same transaction as the new state.
/// </summary>
public sealed partial class DataAccessApplication
{
    public const string HdsOrganisation = "hds";

    private readonly List<StageTask> _tasks;
    private readonly List<ApplicationEvent> _newEvents = [];
    private readonly List<FederationMessage> _outgoing = [];
    private readonly int _storedVersion;
    private readonly int _storedEventCount;
    private bool _changed;
    private Dictionary<string, string> _sourceOrganisations;
    private Dictionary<string, string> _sourceNodes;

    private DataAccessApplication(
        Guid id, string ownerSubject, ApplicationDetails details, ApplicationState state, Stage? returnStage,
        int storedVersion, DateTimeOffset createTime, DateTimeOffset updateTime, DateTimeOffset? submitTime,
        IReadOnlyDictionary<string, string> sourceOrganisations, IEnumerable<StageTask> tasks, int storedEventCount,
        IReadOnlyDictionary<string, string> sourceNodes, ApplicationOrigin? origin)
    {
        _sourceOrganisations = new Dictionary<string, string>(sourceOrganisations);
        _sourceNodes = new Dictionary<string, string>(sourceNodes);
        Origin = origin;
        Id = id;
        OwnerSubject = ownerSubject;
        Details = details;
        State = state;
        ReturnStage = returnStage;
        _storedVersion = storedVersion;
        CreateTime = createTime;
        UpdateTime = updateTime;
        SubmitTime = submitTime;
        _tasks = tasks.ToList();
        _storedEventCount = storedEventCount;
        _machine = CreateMachine();
    }

    public Guid Id { get; }
    public string OwnerSubject { get; }
    public ApplicationDetails Details { get; private set; }
    public ApplicationState State { get; private set; }
    /// <summary>While awaiting the applicant: the stage that asked for changes, where resubmission returns.</summary>
    public Stage? ReturnStage { get; private set; }
    public DateTimeOffset CreateTime { get; }
    public DateTimeOffset UpdateTime { get; private set; }
    public DateTimeOffset? SubmitTime { get; private set; }
    public IReadOnlyList<StageTask> Tasks => _tasks;
    /// <summary>
    /// This node's data sources → owner organisation, pinned from the catalog at submission: routing never shifts
    /// mid-case.
    /// </summary>
    public IReadOnlyDictionary<string, string> SourceOrganisations => _sourceOrganisations;
    /// <summary>Other nodes' data sources → the node that decides on them, pinned at submission like the organisations.</summary>
    public IReadOnlyDictionary<string, string> SourceNodes => _sourceNodes;
    /// <summary>For a part forwarded by another node: where it comes from. Null for an application made here.</summary>
    public ApplicationOrigin? Origin { get; }
    /// <summary>Messages to other nodes that the changes since loading produced, not yet written to the outbox.</summary>
    public IReadOnlyList<FederationMessage> Outgoing => _outgoing;
    /// <summary>Events recorded since the application was loaded, not yet stored.</summary>
    public IReadOnlyList<ApplicationEvent> NewEvents => _newEvents;
    /// <summary>How many events the repository holds for this application already.</summary>
    public int StoredEventCount => _storedEventCount;
    /// <summary>
    /// A command that changes the application makes it exactly one version newer. SLA records do not count: a
    /// reminder firing must not make the applicant's or a reviewer's etag stale.
    /// </summary>
    public int Version => _changed ? _storedVersion + 1 : _storedVersion;
    public string Etag => Etags.Format(_storedVersion);
    /// <summary>
    /// New, or its details edited since it was loaded: the details must be stored. Other changes store only the
    /// workflow columns, so a transition never rewrites an application's (possibly large) texts.
    /// </summary>
    public bool DetailsChanged { get; private set; }
    /// <summary>The conditions HDS attached to its approval, once it has decided.</summary>
    public string? DecisionConditions =>
        _tasks.FirstOrDefault(t => t.Stage == Stage.HdsDecision && t.Status == StageTaskStatus.Approved)?.Conditions;

    public static DataAccessApplication CreateDraft(Guid id, Actor owner, ApplicationDetails details, DateTimeOffset now) =>
        Create(id, owner.Subject, owner, details, null, now);

    public static DataAccessApplication Restore(
        Guid id, string ownerSubject, ApplicationDetails details, ApplicationState state, Stage? returnStage,
        int version, DateTimeOffset createTime, DateTimeOffset updateTime, DateTimeOffset? submitTime,
        IReadOnlyDictionary<string, string> sourceOrganisations, IEnumerable<StageTask> tasks, int eventCount,
        IReadOnlyDictionary<string, string>? sourceNodes = null, ApplicationOrigin? origin = null) =>
        new(id, ownerSubject, details, state, returnStage, version, createTime, updateTime, submitTime,
            sourceOrganisations, tasks, eventCount, sourceNodes ?? new Dictionary<string, string>(), origin);

    private static DataAccessApplication Create(
        Guid id, string ownerSubject, Actor creator, ApplicationDetails details, ApplicationOrigin? origin,
        DateTimeOffset now)
    {
        var application = new DataAccessApplication(
            id, ownerSubject, details, ApplicationState.Draft, null, 0, now, now, null,
            new Dictionary<string, string>(), [], 0, new Dictionary<string, string>(), origin) { DetailsChanged = true };
        application.Record(ApplicationAction.Create, ApplicationState.Draft, creator, null, null, now);
        return application;
    }

    public bool CanEdit => State is ApplicationState.Draft or ApplicationState.AwaitingApplicant;

    public void Edit(ApplicationDetails details, Actor actor, DateTimeOffset now)
    {
        if (!CanEdit)
        {
            throw new WorkflowException("EDIT_NOT_ALLOWED", "STATE", ResourceName,
                $"an application can be edited only as a draft or while it awaits the applicant; it is {State}");
        }

        if (State == ApplicationState.AwaitingApplicant) RequireSameRouting(details);
        Details = details;
        DetailsChanged = true;
        Record(ApplicationAction.Edit, State, actor, null, null, now);
    }

    /// <summary>
    /// Sends the application on its way. This node's sources are routed to their organisations; the sources of other
    /// nodes go to those nodes as peer assessments when the data-owner review opens. A source whose node's catalog
    /// copy is stale is refused: a decision on it would rest on a catalog nobody has confirmed.
    /// </summary>
    public void Submit(Actor actor, IDataSourceDirectory directory, DateTimeOffset now)
    {
        RequireCanFire(ApplicationTrigger.Submit);
        RequireCompleteForSubmission();
        var nodes = Details.DataSources.ToDictionary(r => r.DataSource, r => directory.NodeOf(r.DataSource)
            ?? throw new InvalidInputException("data_sources", $"unknown data source '{r.DataSource}'"));
        var stale = nodes.Where(n => n.Value != directory.LocalNode && directory.IsStale(n.Value)).ToList();
        if (stale.Count > 0)
        {
            throw new WorkflowException("PEER_CATALOG_STALE", stale.Select(s => new PreconditionViolation(
                "CATALOG", $"data_sources/{s.Key}",
                $"node '{s.Value}' has not confirmed its catalog lately; apply once its catalog is refreshed")).ToList());
        }

        _sourceOrganisations = nodes.Where(n => n.Value == directory.LocalNode)
            .ToDictionary(n => n.Key, n => directory.OrganisationOf(n.Key)!);
        _sourceNodes = nodes.Where(n => n.Value != directory.LocalNode).ToDictionary(n => n.Key, n => n.Value);
        Fire(ApplicationTrigger.Submit, ApplicationAction.Submit, actor, null, null, now);
        SubmitTime = now;
        if (State == ApplicationState.DataOwnerReview)
        {
            Record(ApplicationAction.SkipRekReview, State, Actor.System, null, Origin is null || !Details.RequiresRekReview
                ? $"{Details.Purpose} needs no REK review"
                : $"ethics approval at {Origin.Node}: {Details.RekReference}", now);
        }
    }

    /// <summary>
    /// The applicant answers a request for changes: the stage that asked resumes. A peer node that asked gets the
    /// updated part, and its review resumes where it stood.
    /// </summary>
    public void Resubmit(Actor actor, string? comment, DateTimeOffset now)
    {
        if (State == ApplicationState.AwaitingApplicant) RequireCompleteForSubmission();
        var askingPeers = _tasks.Where(t => t is { Node: not null, Status: StageTaskStatus.ChangesRequested })
            .Select(t => t.Node!).Distinct().ToList();
        Fire(ApplicationTrigger.Resubmit, ApplicationAction.Resubmit, actor, null, comment, now);
        foreach (var peer in askingPeers) _outgoing.Add(new FederationMessage.Resubmit(peer, PartFor(peer), comment));
        CompleteStagesAlreadyDone(now);
    }

    public void Withdraw(Actor actor, string? comment, DateTimeOffset now) =>
        Fire(ApplicationTrigger.Withdraw, ApplicationAction.Withdraw, actor, null, comment, now);

    /// <summary>The applicant's time to answer a request for changes ran out.</summary>
    public void Lapse(DateTimeOffset now) =>
        Fire(ApplicationTrigger.Lapse, ApplicationAction.Lapse, Actor.System, null, null, now);

    /// <summary>A reviewer approves its task; the last approval of a stage moves the application on.</summary>
    public void ApproveTask(Guid taskId, Actor actor, string? comment, string? conditions, DateTimeOffset now)
    {
        var task = OpenTaskOfCurrentStage(taskId);
        if (task.Stage == Stage.DataDelivery)
        {
            throw new WorkflowException("WRONG_TASK_ACTION", "TASK", TaskName(task),
                "a delivery task is completed by marking it delivered, not by approval");
        }

        if (conditions is not null && task.Stage != Stage.HdsDecision)
        {
            throw new InvalidInputException("conditions", "only the HDS decision carries conditions");
        }

        task.Decide(StageTaskStatus.Approved, actor, comment, conditions, now);
        // A forwarded part's access-body decision is the peer's answer to the home node.
        if (Origin is not null && task.Stage == Stage.HdsDecision)
        {
            _outgoing.Add(new FederationMessage.Decision(Origin.Node, true, conditions, comment));
        }

        CompleteStageOrRecord(ApplicationAction.ApproveTask, actor, task, comment, now);
    }

    public void RejectTask(Guid taskId, Actor actor, string comment, DateTimeOffset now)
    {
        var task = OpenTaskOfCurrentStage(taskId);
        RequireCanFire(ApplicationTrigger.Reject);
        task.Decide(StageTaskStatus.Rejected, actor, comment, null, now);
        if (Origin is not null) _outgoing.Add(new FederationMessage.Decision(Origin.Node, false, null, comment));
        Fire(ApplicationTrigger.Reject, ApplicationAction.RejectTask, actor, task.Id, comment, now);
    }

    public void RequestChanges(Guid taskId, Actor actor, string comment, DateTimeOffset now)
    {
        var task = OpenTaskOfCurrentStage(taskId);
        RequireCanFire(ApplicationTrigger.RequestChanges);
        task.Decide(StageTaskStatus.ChangesRequested, actor, comment, null, now);
        ReturnStage = task.Stage;
        if (Origin is not null) _outgoing.Add(new FederationMessage.ChangesRequested(Origin.Node, comment));
        Fire(ApplicationTrigger.RequestChanges, ApplicationAction.RequestChanges, actor, task.Id, comment, now);
    }

    public void MarkDelivered(Guid taskId, Actor actor, string? comment, DateTimeOffset now)
    {
        var task = OpenTaskOfCurrentStage(taskId);
        if (task.Stage != Stage.DataDelivery)
        {
            throw new WorkflowException("WRONG_TASK_ACTION", "TASK", TaskName(task),
                "only a delivery task can be marked delivered");
        }

        task.Decide(StageTaskStatus.Delivered, actor, comment, null, now);
        if (Origin is not null)
        {
            _outgoing.Add(new FederationMessage.Delivered(Origin.Node, task.DataSource!, now, comment));
        }

        CompleteStageOrRecord(ApplicationAction.MarkDelivered, actor, task, comment, now);
    }

    /// <summary>Throws <see cref="ConcurrencyException"/> unless the caller's etag matches; an empty etag skips the check.</summary>
    public void ExpectEtag(string? etag)
    {
        if (!string.IsNullOrEmpty(etag) && etag != Etag)
        {
            throw new ConcurrencyException(ResourceName);
        }
    }

    /// <summary>Task decisions carry the task's own etag, so bodies reviewing in parallel do not conflict.</summary>
    public void ExpectTaskEtag(Guid taskId, string? etag)
    {
        var task = FindTask(taskId);
        if (!string.IsNullOrEmpty(etag) && etag != task.Etag) throw new ConcurrencyException(TaskName(task));
    }

    public StageTask FindTask(Guid taskId) =>
        _tasks.FirstOrDefault(t => t.Id == taskId) ?? throw new NotFoundException(TaskName(taskId));

    public string ResourceName => ResourceNames.Application(Id);

    private string TaskName(StageTask task) => TaskName(task.Id);

    private string TaskName(Guid taskId) => ResourceNames.Task(Id, taskId);

    private StageTask OpenTaskOfCurrentStage(Guid taskId)
    {
        var task = FindTask(taskId);
        if (task.Status == StageTaskStatus.Open && task.Stage.ToState() == State) return task;

        var why = task.Status switch
        {
            StageTaskStatus.Paused => "the task is paused while the application waits on the applicant",
            StageTaskStatus.ChangesRequested => "the task waits for the applicant to resubmit",
            _ => $"the task is {task.Status.ToString().ToLowerInvariant()} already",
        };
        throw new WorkflowException("TASK_NOT_OPEN", "TASK", TaskName(task), why);
    }

    private void CompleteStageOrRecord(
        ApplicationAction action, Actor actor, StageTask task, string? comment, DateTimeOffset now)
    {
        if (_machine.CanFire(ApplicationTrigger.CompleteStage))
        {
            Fire(ApplicationTrigger.CompleteStage, action, actor, task.Id, comment, now);
            CompleteStagesAlreadyDone(now);
        }
        else
        {
            Record(action, State, actor, task.Id, comment, now);
        }
    }

    /// <summary>
    /// A stage whose tasks are all done as it opens (or resumes) is complete at once: a peer node may decide or
    /// deliver its part before the home application reaches the stage that waits for it.
    /// </summary>
    private void CompleteStagesAlreadyDone(DateTimeOffset now)
    {
        while (_machine.CanFire(ApplicationTrigger.CompleteStage))
        {
            Fire(ApplicationTrigger.CompleteStage, ApplicationAction.StageCompleted, Actor.System, null,
                "every task of the stage was done already", now);
        }
    }

    /// <summary>
    /// Once submitted, the bodies an application is routed to are fixed: a new data source, committee or purpose would
    /// need review tasks that were never opened. Variables, cohort and texts stay editable.
    /// </summary>
    private void RequireSameRouting(ApplicationDetails changed)
    {
        var violations = new List<PreconditionViolation>();
        if (!changed.DataSources.Select(s => s.DataSource).Order().SequenceEqual(
                Details.DataSources.Select(s => s.DataSource).Order()))
        {
            violations.Add(new("ROUTING_FIXED", "data_sources",
                "the requested data sources cannot change after submission; withdraw and apply anew"));
        }

        if (changed.RekCommittee != Details.RekCommittee)
        {
            violations.Add(new("ROUTING_FIXED", "rek_committee", "the REK committee cannot change after submission"));
        }

        if (changed.Purpose != Details.Purpose)
        {
            violations.Add(new("ROUTING_FIXED", "purpose", "the purpose cannot change after submission"));
        }

        if (violations.Count > 0) throw new WorkflowException("ROUTING_FIXED", violations);
    }

    private void RequireCompleteForSubmission()
    {
        var missing = ApplicationCompleteness.MissingForSubmission(Details, forwarded: Origin is not null);
        if (missing.Count > 0)
        {
            throw new WorkflowException("APPLICATION_INCOMPLETE",
                missing.Select(m => new PreconditionViolation("INCOMPLETE", m.Field, m.Description)).ToList());
        }
    }

    /// <summary>Records an SLA reminder, breach or escalation in the history; state and etag stay as they are.</summary>
    public void RecordSlaMilestone(ApplicationAction action, Guid? taskId, string comment, DateTimeOffset now)
    {
        if (action is not (ApplicationAction.SlaReminder or ApplicationAction.SlaBreach or ApplicationAction.SlaEscalation))
        {
            throw new ArgumentOutOfRangeException(nameof(action), action, "not an SLA milestone");
        }

        Append(action, State, Actor.System, taskId, comment, now);
    }

    private void Record(
        ApplicationAction action, ApplicationState from, Actor actor, Guid? taskId, string? comment,
        DateTimeOffset now)
    {
        UpdateTime = now;
        _changed = true;
        Append(action, from, actor, taskId, comment, now);
    }

    private void Append(
        ApplicationAction action, ApplicationState from, Actor actor, Guid? taskId, string? comment,
        DateTimeOffset now) =>
        _newEvents.Add(new ApplicationEvent(
            Id, _storedEventCount + _newEvents.Count + 1, action, from, State, actor, taskId, comment, now));
}
