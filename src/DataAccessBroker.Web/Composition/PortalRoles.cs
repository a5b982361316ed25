using System.Security.Claims;

namespace DataAccessBroker.Web.Composition;

/// <summary>
/// The app roles of the broker's tokens and the portal areas they open. The portal only chooses what to show; the
/// broker decides what each call may do, whatever the portal shows.
/// </summary>
public static class PortalRoles
{
    public const string Applicant = "Applicant";
    public const string RekReviewer = "RekReviewer";
    public const string DataOwner = "DataOwner";
    public const string HdsCaseOfficer = "HdsCaseOfficer";
    public const string Analyst = "Analyst";
    public const string Admin = "Admin";

    /// <summary>Policy names, one per area of the portal.</summary>
    public const string Researchers = "Researchers";
    public const string Reviewers = "Reviewers";
    public const string Analysts = "Analysts";
    public const string Admins = "Admins";

    public static readonly string[] ReviewerRoles = [RekReviewer, DataOwner, HdsCaseOfficer];

    public static bool IsReviewer(this ClaimsPrincipal user) => ReviewerRoles.Any(user.IsInRole);

    /// <summary>The page a user lands on after signing in: the first area their roles open.</summary>
    public static string StartPage(this ClaimsPrincipal user) =>
        user.IsInRole(Applicant) ? "/Applications/Index"
        : user.IsReviewer() ? "/Review/Index"
        : user.IsInRole(Analyst) ? "/Statistics/Index"
        : user.IsInRole(Admin) ? "/Admin/Index"
        : "/Account/NoRole";
}
