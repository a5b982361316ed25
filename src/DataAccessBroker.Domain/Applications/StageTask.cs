namespace DataAccessBroker.Domain.Applications;

/// <summary>
/// One body's share of a stage: the REK committee's review, one data owner's review or delivery, or the HDS decision.
/// Records when it opened and closed, who acted and why, which is what the SLA clocks and statistics are built on.
/// </summary>
public sealed class StageTask
{
    internal StageTask(
        Guid id, Stage stage, string organisation, string? dataSource, DateTimeOffset openedTime, string? node = null)
    {
        Id = id;
        Stage = stage;
        Organisation = organisation;
        DataSource = dataSource;
        Node = node;
        Status = StageTaskStatus.Open;
        OpenedTime = openedTime;
        Version = 1;
        Changed = true;
    }

    public Guid Id { get; }
    public Stage Stage { get; }
    /// <summary>The organisation whose queue holds the task: a REK committee, a registry owner or HDS.</summary>
    public string Organisation { get; }
    /// <summary>The registry the task concerns, for data-owner review and delivery.</summary>
    public string? DataSource { get; }
    /// <summary>
    /// For a part another broker node decides or delivers (a peer assessment, a peer's delivery): that node. Such a
    /// task is closed by the node's messages, never by a reviewer here; null for this node's own bodies.
    /// </summary>
    public string? Node { get; }
    /// <summary>Whose time the task measures in the statistics: the peer node, the data source, or the organisation.</summary>
    public string Body => Node ?? DataSource ?? Organisation;
    public StageTaskStatus Status { get; private set; }
    public DateTimeOffset OpenedTime { get; }
    public DateTimeOffset? ClosedTime { get; private set; }
    public string? DecidedBy { get; private set; }
    public string? Comment { get; private set; }
    public string? Conditions { get; private set; }
    public int Version { get; private set; }
    /// <summary>Opened or moved since it was loaded: it must be stored.</summary>
    public bool Changed { get; private set; }

    public bool IsClosed => Status.IsClosed();
    public string Etag => Etags.Format(Version);

    public static StageTask Restore(
        Guid id, Stage stage, string organisation, string? dataSource, StageTaskStatus status,
        DateTimeOffset openedTime, DateTimeOffset? closedTime, string? decidedBy, string? comment, string? conditions,
        int version, string? node = null) =>
        new(id, stage, organisation, dataSource, openedTime, node)
        {
            Status = status, ClosedTime = closedTime, DecidedBy = decidedBy, Comment = comment,
            Conditions = conditions, Version = version, Changed = false,
        };

    internal void Decide(StageTaskStatus outcome, Actor actor, string? comment, string? conditions, DateTimeOffset time)
    {
        Status = outcome;
        DecidedBy = actor.Subject;
        Comment = comment;
        Conditions = conditions;
        if (outcome.IsClosed()) ClosedTime = time;
        Version++;
        Changed = true;
    }

    internal void Pause() => MoveTo(StageTaskStatus.Paused);

    internal void Resume() => MoveTo(StageTaskStatus.Open);

    internal void Cancel(DateTimeOffset time)
    {
        MoveTo(StageTaskStatus.Cancelled);
        ClosedTime = time;
    }

    private void MoveTo(StageTaskStatus status)
    {
        Status = status;
        Version++;
        Changed = true;
    }
}
