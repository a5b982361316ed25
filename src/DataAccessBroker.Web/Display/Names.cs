using DataAccessBroker.Contracts.V1;

namespace DataAccessBroker.Web.Display;

/// <summary>The API's enum values in words: the English text, which is also the key of its bokmål translation.</summary>
public static class Names
{
    public static string Of(Application.Types.State state) => state switch
    {
        Application.Types.State.Draft => "Draft",
        Application.Types.State.RekReview => "REK review",
        Application.Types.State.DataOwnerReview => "Data-owner review",
        Application.Types.State.HdsDecision => "HDS decision",
        Application.Types.State.DataDelivery => "Data delivery",
        Application.Types.State.AwaitingApplicant => "Awaiting the applicant",
        Application.Types.State.Rejected => "Rejected",
        Application.Types.State.Withdrawn => "Withdrawn",
        Application.Types.State.Lapsed => "Lapsed",
        Application.Types.State.Delivered => "Delivered",
        _ => "Unknown",
    };

    public static string Of(Stage stage) => stage switch
    {
        Stage.RekReview => "REK review",
        Stage.DataOwnerReview => "Data-owner review",
        Stage.HdsDecision => "HDS decision",
        Stage.DataDelivery => "Data delivery",
        _ => "Unknown",
    };

    public static string Of(StageTask.Types.State state) => state switch
    {
        StageTask.Types.State.Open => "Open",
        StageTask.Types.State.Paused => "Paused",
        StageTask.Types.State.ChangesRequested => "Changes requested",
        StageTask.Types.State.Approved => "Approved",
        StageTask.Types.State.Rejected => "Rejected",
        StageTask.Types.State.Delivered => "Delivered",
        StageTask.Types.State.Cancelled => "Cancelled",
        _ => "Unknown",
    };

    public static string Of(Purpose purpose) => purpose switch
    {
        Purpose.HealthResearch => "Health research",
        Purpose.QualityImprovement => "Quality improvement",
        Purpose.Statistics => "Statistics",
        Purpose.HealthAdministration => "Health administration",
        _ => "Not chosen",
    };

    public static string Of(ApplicationEvent.Types.Action action) => action switch
    {
        ApplicationEvent.Types.Action.Create => "Created",
        ApplicationEvent.Types.Action.Edit => "Edited",
        ApplicationEvent.Types.Action.Submit => "Submitted",
        ApplicationEvent.Types.Action.SkipRekReview => "REK review not needed",
        ApplicationEvent.Types.Action.ApproveTask => "Approved",
        ApplicationEvent.Types.Action.RejectTask => "Rejected",
        ApplicationEvent.Types.Action.RequestChanges => "Changes requested",
        ApplicationEvent.Types.Action.Resubmit => "Resubmitted",
        ApplicationEvent.Types.Action.MarkDelivered => "Delivered",
        ApplicationEvent.Types.Action.Withdraw => "Withdrawn",
        ApplicationEvent.Types.Action.Lapse => "Lapsed",
        ApplicationEvent.Types.Action.SlaReminder => "SLA reminder",
        ApplicationEvent.Types.Action.SlaBreach => "SLA breached",
        ApplicationEvent.Types.Action.SlaEscalation => "SLA escalated",
        ApplicationEvent.Types.Action.ForwardToPeer => "Forwarded to another node",
        ApplicationEvent.Types.Action.PeerStatus => "Status from another node",
        ApplicationEvent.Types.Action.PeerDecision => "Decision from another node",
        ApplicationEvent.Types.Action.PeerChangesRequested => "Another node asked for changes",
        ApplicationEvent.Types.Action.PeerDelivered => "Delivered by another node",
        ApplicationEvent.Types.Action.StageCompleted => "Stage completed",
        _ => "Unknown",
    };

    /// <summary>The last segment of a resource name (<c>applications/{id}</c>), which the portal's addresses use.</summary>
    public static string Id(string name) => name[(name.LastIndexOf('/') + 1)..];
}
