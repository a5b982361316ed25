using DataAccessBroker.Domain.Errors;

namespace DataAccessBroker.Domain.Applications;

/// <summary>
/// A draft may be saved half-written; submission needs everything a reviewer must read. Kept apart from
/// <see cref="ApplicationDetailsValidator"/>, which rejects malformed input at any time.
/// </summary>
public static class ApplicationCompleteness
{
    /// <param name="forwarded">
    /// A part forwarded by another node carries the ethics approval of its home node, so it needs no committee here.
    /// </param>
    public static IReadOnlyList<FieldViolation> MissingForSubmission(ApplicationDetails details, bool forwarded = false)
    {
        var missing = new List<FieldViolation>();
        void Require(bool present, string field, string what)
        {
            if (!present) missing.Add(new FieldViolation(field, $"{what} is required before submission"));
        }

        Require(details.Title.Length > 0, "title", "a title");
        Require(details.Summary.Length > 0, "summary", "a project summary");
        Require(details.Purpose != Purpose.Unspecified, "purpose", "the purpose");
        Require(details.ProjectStart is not null && details.ProjectEnd is not null, "project_period",
            "the project period");
        Require(details.PrincipalInvestigator.Name.Length > 0, "principal_investigator.name",
            "the principal investigator's name");
        Require(details.PrincipalInvestigator.Email.Length > 0, "principal_investigator.email",
            "the principal investigator's e-mail");
        Require(details.PrincipalInvestigator.Institution.Length > 0, "principal_investigator.institution",
            "the institution");
        Require(!details.RequiresRekReview || forwarded || details.RekCommittee.Length > 0, "rek_committee",
            "a REK committee (health research needs REK review)");
        Require(details.DataSources.Count > 0, "data_sources", "at least one data source");
        for (var i = 0; i < details.DataSources.Count; i++)
        {
            Require(details.DataSources[i].Variables.Count > 0, $"data_sources[{i}].variables", "at least one variable");
            Require(details.DataSources[i].CohortCriteria.Length > 0, $"data_sources[{i}].cohort_criteria",
                "the cohort criteria");
        }

        Require(details.LegalBasis.Length > 0, "legal_basis", "the legal basis");
        return missing;
    }
}
