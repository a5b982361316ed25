namespace DataAccessBroker.Domain.Applications;

/// <summary>Where an application stands in the workflow (docs/design.md §2).</summary>
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

public static class ApplicationStateExtensions
{
    /// <summary>Rejected, withdrawn, lapsed or delivered: nothing more happens to the application.</summary>
    public static bool IsTerminal(this ApplicationState state) =>
        state is ApplicationState.Rejected or ApplicationState.Withdrawn or ApplicationState.Lapsed
            or ApplicationState.Delivered;
}
