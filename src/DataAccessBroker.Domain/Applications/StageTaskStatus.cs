namespace DataAccessBroker.Domain.Applications;

public enum StageTaskStatus
{
    /// <summary>Waiting on the responsible body.</summary>
    Open,
    /// <summary>Another body of the stage asked the applicant for changes; this task waits with its clock stopped.</summary>
    Paused,
    /// <summary>This task asked the applicant for changes and waits for the resubmission.</summary>
    ChangesRequested,
    Approved,
    Rejected,
    Delivered,
    /// <summary>Closed without a decision because the application left the stage (rejected elsewhere, withdrawn, lapsed).</summary>
    Cancelled,
}

public static class StageTaskStatusExtensions
{
    public static bool IsClosed(this StageTaskStatus status) =>
        status is StageTaskStatus.Approved or StageTaskStatus.Rejected
            or StageTaskStatus.Delivered or StageTaskStatus.Cancelled;
}
