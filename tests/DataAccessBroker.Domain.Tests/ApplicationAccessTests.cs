using DataAccessBroker.Domain.Access;
using DataAccessBroker.Domain.Applications;
using static DataAccessBroker.Domain.Tests.TestApplications;

namespace DataAccessBroker.Domain.Tests;

public sealed class ApplicationAccessTests
{
    private static Caller As(string role, string organisation, string subject = "someone") =>
        new(subject, subject, new HashSet<string> { role }, organisation);

    [Fact]
    public void Drafts_are_private_to_their_applicant()
    {
        var draft = Draft();

        Assert.True(ApplicationAccess.CanSee(As(Roles.Applicant, "uio", "ada"), draft));
        Assert.False(ApplicationAccess.CanSee(As(Roles.Applicant, "uio", "bjorn"), draft));
        Assert.False(ApplicationAccess.CanSee(As(Roles.HdsCaseOfficer, "hds"), draft));
        Assert.False(ApplicationAccess.CanSee(As(Roles.RekReviewer, "rek-vest"), draft));
        Assert.True(ApplicationAccess.CanSee(As(Roles.Admin, "dab"), draft));
    }

    [Fact]
    public void Reviewers_see_what_is_routed_to_their_organisation_only()
    {
        var submitted = InState(ApplicationState.RekReview);

        Assert.True(ApplicationAccess.CanSee(As(Roles.RekReviewer, "rek-vest"), submitted));
        Assert.False(ApplicationAccess.CanSee(As(Roles.RekReviewer, "rek-nord"), submitted));
        Assert.True(ApplicationAccess.CanSee(As(Roles.DataOwner, "npr"), submitted));
        Assert.False(ApplicationAccess.CanSee(As(Roles.DataOwner, "msis"), submitted));
        Assert.True(ApplicationAccess.CanSee(As(Roles.HdsCaseOfficer, "hds"), submitted));
        Assert.False(ApplicationAccess.CanSee(As(Roles.Analyst, "helseomsorg21"), submitted));
    }

    [Fact]
    public void Only_the_applicant_reads_as_the_applicant_whatever_else_may_see_it()
    {
        var submitted = InState(ApplicationState.RekReview);

        Assert.True(ApplicationAccess.IsApplicant(As(Roles.Applicant, "uio", "ada"), submitted));
        Assert.False(ApplicationAccess.IsApplicant(As(Roles.Applicant, "uib", "bjorn"), submitted));
        // The applicant's subject in another role (an admin account of the same person, say) is not the applicant.
        Assert.False(ApplicationAccess.IsApplicant(As(Roles.Admin, "dab", "ada"), submitted));
        Assert.False(ApplicationAccess.IsApplicant(As(Roles.HdsCaseOfficer, "hds"), submitted));
    }

    [Fact]
    public void Only_the_right_body_decides_a_task()
    {
        var application = InState(ApplicationState.DataOwnerReview);
        var rek = application.Tasks.Single(t => t.Stage == Stage.RekReview);
        var npr = application.Tasks.Single(t => t.Organisation == "npr");

        Assert.Equal(Roles.RekReviewer, ApplicationAccess.DecidingRole(As(Roles.RekReviewer, "rek-vest"), rek));
        Assert.Null(ApplicationAccess.DecidingRole(As(Roles.RekReviewer, "rek-midt"), rek));
        Assert.Equal(Roles.DataOwner, ApplicationAccess.DecidingRole(As(Roles.DataOwner, "npr"), npr));
        Assert.Null(ApplicationAccess.DecidingRole(As(Roles.DataOwner, "kreftregisteret"), npr));
        Assert.Null(ApplicationAccess.DecidingRole(As(Roles.HdsCaseOfficer, "hds"), npr));
        Assert.Null(ApplicationAccess.DecidingRole(As(Roles.Admin, "dab"), npr));
    }
}
