namespace DataAccessBroker.Domain.Applications;

/// <summary>
/// The application-level triggers of the state machine. Reviewers act on stage tasks; the application fires
/// <see cref="CompleteStage"/>, <see cref="Reject"/> or <see cref="RequestChanges"/> when a task decision settles the stage.
/// </summary>
public enum ApplicationTrigger
{
    Submit,
    CompleteStage,
    Reject,
    RequestChanges,
    Resubmit,
    Withdraw,
    Lapse,
}
