using DataAccessBroker.Domain.Applications;

namespace DataAccessBroker.Domain.Access;

/// <summary>
/// Who may see which application and decide which task (docs/design.md §3). The repository's list queries apply the same
/// rules in SQL; the integration tests hold the two together.
/// </summary>
public static class ApplicationAccess
{
    public static bool CanSee(Caller caller, DataAccessApplication application)
    {
        if (caller.IsIn(Roles.Admin) || IsApplicant(caller, application)) return true;
        if (application.State == ApplicationState.Draft) return false;
        if (caller.IsIn(Roles.HdsCaseOfficer)) return true;
        if (caller.IsIn(Roles.RekReviewer) && application.Tasks.Any(t =>
                t.Stage == Stage.RekReview && t.Organisation == caller.Organisation)) return true;
        return caller.IsIn(Roles.DataOwner) && application.SourceOrganisations.Values.Contains(caller.Organisation);
    }

    /// <summary>
    /// Whether the caller is the application's applicant, reading their own: anyone else's read of its content is
    /// logged as access (Normen).
    /// </summary>
    public static bool IsApplicant(Caller caller, DataAccessApplication application) =>
        caller.IsIn(Roles.Applicant) && application.OwnerSubject == caller.Subject;

    /// <summary>
    /// The role in which the caller may decide the task, or null when it may not. Nobody here decides a task of
    /// another node: its messages do.
    /// </summary>
    public static string? DecidingRole(Caller caller, StageTask task) => task.Node is not null ? null : task.Stage switch
    {
        Stage.RekReview when caller.IsIn(Roles.RekReviewer) && task.Organisation == caller.Organisation =>
            Roles.RekReviewer,
        Stage.DataOwnerReview or Stage.DataDelivery
            when caller.IsIn(Roles.DataOwner) && task.Organisation == caller.Organisation => Roles.DataOwner,
        Stage.HdsDecision when caller.IsIn(Roles.HdsCaseOfficer) => Roles.HdsCaseOfficer,
        _ => null,
    };
}
