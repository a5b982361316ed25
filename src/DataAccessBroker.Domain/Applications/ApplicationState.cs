namespace DataAccessBroker.Domain.Applications;

/// <summary>Where an application stands in the workflow (DESIGN.md §2).</summary>
public enum ApplicationState
{
    Draft,
    RekReview,
    DataOwnerReview,
    HdsDecision,
    DataDelivery,
    AwaitingApplicant,
    Rejected,
    Withdrawn,
    Lapsed,
    Delivered,
}
