namespace DataAccessBroker.Domain.Applications;

/// <summary>A stage whose work is split into tasks, one per responsible body.</summary>
public enum Stage
{
    RekReview,
    DataOwnerReview,
    HdsDecision,
    DataDelivery,
}

public static class StageExtensions
{
    public static ApplicationState ToState(this Stage stage) => stage switch
    {
        Stage.RekReview => ApplicationState.RekReview,
        Stage.DataOwnerReview => ApplicationState.DataOwnerReview,
        Stage.HdsDecision => ApplicationState.HdsDecision,
        Stage.DataDelivery => ApplicationState.DataDelivery,
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
    };

    public static Stage? ToStage(this ApplicationState state) => state switch
    {
        ApplicationState.RekReview => Stage.RekReview,
        ApplicationState.DataOwnerReview => Stage.DataOwnerReview,
        ApplicationState.HdsDecision => Stage.HdsDecision,
        ApplicationState.DataDelivery => Stage.DataDelivery,
        _ => null,
    };
}
