using System.Text.RegularExpressions;
using DataAccessBroker.Domain.Catalog;
using DataAccessBroker.Domain.Errors;

namespace DataAccessBroker.Domain.Applications;

/// <summary>Rejects malformed details: lengths, formats, unknown catalog entries, duplicates. Field names follow the API.</summary>
public static partial class ApplicationDetailsValidator
{
    public const int MaxTitleLength = 200;
    public const int MaxSummaryLength = 4000;
    public const int MaxNameLength = 200;
    public const int MaxEmailLength = 254;
    public const int MaxCodeLength = 64;
    public const int MaxDataSources = 20;
    public const int MaxVariablesPerSource = 300;
    public const int MaxVariableLength = 100;
    public const int MaxCohortCriteriaLength = 2000;
    public const int MaxLegalBasisLength = 1000;

    public static IReadOnlyList<FieldViolation> Validate(
        ApplicationDetails details, ICatalogSnapshot catalog, string prefix = "application")
    {
        var violations = new List<FieldViolation>();
        void Check(bool ok, string field, string description)
        {
            if (!ok) violations.Add(new FieldViolation($"{prefix}.{field}", description));
        }

        void CheckLength(string value, int max, string field) =>
            Check(value.Length <= max, field, $"must be at most {max} characters (got {value.Length})");

        CheckLength(details.Title, MaxTitleLength, "title");
        CheckLength(details.Summary, MaxSummaryLength, "summary");
        CheckLength(details.LegalBasis, MaxLegalBasisLength, "legal_basis");
        CheckLength(details.RekReference, MaxCodeLength, "rek_reference");
        Check(Enum.IsDefined(details.Purpose), "purpose", "is not a known purpose");

        if (details.ProjectStart is { } start && details.ProjectEnd is { } end)
        {
            Check(end > start, "project_period.end_date", "must be after the start date");
        }
        else
        {
            Check(details.ProjectStart is null && details.ProjectEnd is null, "project_period",
                "needs both a start and an end date");
        }

        var pi = details.PrincipalInvestigator;
        CheckLength(pi.Name, MaxNameLength, "principal_investigator.name");
        CheckLength(pi.Institution, MaxNameLength, "principal_investigator.institution");
        CheckLength(pi.Email, MaxEmailLength, "principal_investigator.email");
        Check(pi.Email.Length == 0 || EmailPattern().IsMatch(pi.Email), "principal_investigator.email",
            "is not an e-mail address");

        Check(details.RekCommittee.Length == 0 || catalog.HasRekCommittee(details.RekCommittee), "rek_committee",
            $"'{Shorten(details.RekCommittee)}' is not a known REK committee");

        Check(details.DataSources.Count <= MaxDataSources, "data_sources",
            $"at most {MaxDataSources} data sources per application");
        var seen = new HashSet<string>();
        for (var i = 0; i < details.DataSources.Count; i++)
        {
            var request = details.DataSources[i];
            var at = $"data_sources[{i}]";
            Check(catalog.HasDataSource(request.DataSource), $"{at}.data_source",
                $"'{Shorten(request.DataSource)}' is not a known data source");
            Check(seen.Add(request.DataSource), $"{at}.data_source", "is requested twice");
            CheckLength(request.CohortCriteria, MaxCohortCriteriaLength, $"{at}.cohort_criteria");
            Check(request.Variables.Count <= MaxVariablesPerSource, $"{at}.variables",
                $"at most {MaxVariablesPerSource} variables per data source");
            for (var j = 0; j < request.Variables.Count; j++)
            {
                var variable = request.Variables[j];
                Check(variable.Trim().Length > 0, $"{at}.variables[{j}]", "must not be blank");
                CheckLength(variable, MaxVariableLength, $"{at}.variables[{j}]");
            }
        }

        return violations;
    }

    /// <summary>Keeps error messages short when someone sends a megabyte where a code belongs.</summary>
    private static string Shorten(string value) => value.Length <= MaxCodeLength ? value : value[..MaxCodeLength] + "…";

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
