namespace DataAccessBroker.Domain.Applications;

/// <summary>What happened, as recorded in an application's event history.</summary>
public enum ApplicationAction
{
    Create,
    Edit,
    Submit,
    SkipRekReview,
    ApproveTask,
    RejectTask,
    RequestChanges,
    Resubmit,
    MarkDelivered,
    Withdraw,
    Lapse,
    SlaReminder,
    SlaBreach,
    SlaEscalation,
    ForwardToPeer,
    PeerStatus,
    PeerDecision,
    PeerChangesRequested,
    PeerDelivered,
    StageCompleted,
}
