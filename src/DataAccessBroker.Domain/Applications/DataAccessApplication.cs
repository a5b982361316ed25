using DataAccessBroker.Domain.Catalog;
using DataAccessBroker.Domain.Errors;

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
    private readonly int _storedVersion;
    private readonly int _storedEventCount;
    private bool _changed;
    private Dictionary<string, string> _sourceOrganisations;

    private DataAccessApplication(
        Guid id, string ownerSubject, ApplicationDetails details, ApplicationState state, Stage? returnStage,
        int storedVersion, DateTimeOffset createTime, DateTimeOffset updateTime, DateTimeOffset? submitTime,
        IReadOnlyDictionary<string, string> sourceOrganisations, IEnumerable<StageTask> tasks, int storedEventCount)
    {
        _sourceOrganisations = new Dictionary<string, string>(sourceOrganisations);
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
    /// <summary>Data source → owner organisation, pinned from the catalog at submission: routing never shifts mid-case.</summary>
    public IReadOnlyDictionary<string, string> SourceOrganisations => _sourceOrganisations;
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

    public static DataAccessApplication CreateDraft(Guid id, Actor owner, ApplicationDetails details, DateTimeOffset now)
    {
        var application = new DataAccessApplication(
            id, owner.Subject, details, ApplicationState.Draft, null, 0, now, now, null,
            new Dictionary<string, string>(), [], 0) { DetailsChanged = true };
        application.Record(ApplicationAction.Create, ApplicationState.Draft, owner, null, null, now);
        return application;
    }

    public static DataAccessApplication Restore(
        Guid id, string ownerSubject, ApplicationDetails details, ApplicationState state, Stage? returnStage,
        int version, DateTimeOffset createTime, DateTimeOffset updateTime, DateTimeOffset? submitTime,
        IReadOnlyDictionary<string, string> sourceOrganisations, IEnumerable<StageTask> tasks, int eventCount) =>
        new(id, ownerSubject, details, state, returnStage, version, createTime, updateTime, submitTime,
            sourceOrganisations, tasks, eventCount);

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

    public void Submit(Actor actor, IDataSourceDirectory directory, DateTimeOffset now)
    {
        RequireCanFire(ApplicationTrigger.Submit);
        RequireCompleteForSubmission();
        _sourceOrganisations = Details.DataSources.ToDictionary(
            r => r.DataSource,
            r => directory.OrganisationOf(r.DataSource)
                 ?? throw new InvalidInputException("data_sources", $"unknown data source '{r.DataSource}'"));
        Fire(ApplicationTrigger.Submit, ApplicationAction.Submit, actor, null, null, now);
        SubmitTime = now;
        if (State == ApplicationState.DataOwnerReview)
        {
            Record(ApplicationAction.SkipRekReview, State, Actor.System, null,
                $"{Details.Purpose} needs no REK review", now);
        }
    }

    public void Resubmit(Actor actor, string? comment, DateTimeOffset now)
    {
        if (State == ApplicationState.AwaitingApplicant) RequireCompleteForSubmission();
        Fire(ApplicationTrigger.Resubmit, ApplicationAction.Resubmit, actor, null, comment, now);
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
        CompleteStageOrRecord(ApplicationAction.ApproveTask, actor, task, comment, now);
    }

    public void RejectTask(Guid taskId, Actor actor, string comment, DateTimeOffset now)
    {
        var task = OpenTaskOfCurrentStage(taskId);
        RequireCanFire(ApplicationTrigger.Reject);
        task.Decide(StageTaskStatus.Rejected, actor, comment, null, now);
        Fire(ApplicationTrigger.Reject, ApplicationAction.RejectTask, actor, task.Id, comment, now);
    }

    public void RequestChanges(Guid taskId, Actor actor, string comment, DateTimeOffset now)
    {
        var task = OpenTaskOfCurrentStage(taskId);
        RequireCanFire(ApplicationTrigger.RequestChanges);
        task.Decide(StageTaskStatus.ChangesRequested, actor, comment, null, now);
        ReturnStage = task.Stage;
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
        }
        else
        {
            Record(action, State, actor, task.Id, comment, now);
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
        var missing = ApplicationCompleteness.MissingForSubmission(Details);
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
