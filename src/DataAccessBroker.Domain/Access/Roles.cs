namespace DataAccessBroker.Domain.Access;

/// <summary>The app roles tokens carry in their <c>roles</c> claim (docs/design.md §3).</summary>
public static class Roles
{
    public const string Applicant = nameof(Applicant);
    public const string RekReviewer = nameof(RekReviewer);
    public const string DataOwner = nameof(DataOwner);
    public const string HdsCaseOfficer = nameof(HdsCaseOfficer);
    public const string Analyst = nameof(Analyst);
    public const string Admin = nameof(Admin);
    /// <summary>Another broker node (app-only credentials): opens the node-to-node service and nothing else.</summary>
    public const string Node = nameof(Node);
}
