using DataAccessBroker.Domain.Applications;
using static DataAccessBroker.Domain.Tests.TestApplications;

namespace DataAccessBroker.Domain.Tests;

public sealed class ValidationTests
{
    [Fact]
    public void Complete_details_are_valid()
    {
        Assert.Empty(ApplicationDetailsValidator.Validate(CompleteDetails(), SeededCatalog));
        Assert.Empty(ApplicationCompleteness.MissingForSubmission(CompleteDetails()));
    }

    [Fact]
    public void Each_malformed_field_is_named_with_its_API_path()
    {
        var details = CompleteDetails() with
        {
            Title = new string('x', 201),
            ProjectEnd = new DateOnly(2020, 1, 1),
            PrincipalInvestigator = new PrincipalInvestigator("Ada", "not-an-address", "UiO"),
            RekCommittee = "rek-atlantis",
            DataSources =
            [
                new DataSourceRequest("kreftregisteret", ["x"], "c"),
                new DataSourceRequest("no-such-registry", [new string('v', 101)], "c"),
                new DataSourceRequest("kreftregisteret", ["x"], "c"),
            ],
        };

        var fields = ApplicationDetailsValidator.Validate(details, SeededCatalog).Select(v => v.Field).ToList();

        Assert.Equal(
        [
            "application.title", "application.project_period.end_date", "application.principal_investigator.email",
            "application.rek_committee", "application.data_sources[1].data_source",
            "application.data_sources[1].variables[0]", "application.data_sources[2].data_source",
        ], fields);
    }

    [Fact]
    public void A_huge_unknown_code_is_shortened_in_the_message()
    {
        var details = CompleteDetails() with { RekCommittee = new string('r', 10_000) };

        var violation = Assert.Single(ApplicationDetailsValidator.Validate(details, SeededCatalog));

        Assert.True(violation.Description.Length < 200);
    }
}
