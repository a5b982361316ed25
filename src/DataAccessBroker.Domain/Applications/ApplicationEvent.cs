namespace DataAccessBroker.Domain.Applications;

/// <summary>One entry of an application's append-only history.</summary>
public sealed record ApplicationEvent(
    Guid ApplicationId,
    int Sequence,
    ApplicationAction Action,
    ApplicationState FromState,
    ApplicationState ToState,
    Actor Actor,
    Guid? TaskId,
    string? Comment,
    DateTimeOffset OccurredTime);
