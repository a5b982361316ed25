using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Errors;
using Google.Protobuf.WellKnownTypes;
using Proto = DataAccessBroker.Contracts.V1;

namespace DataAccessBroker.Server.Mapping;

/// <summary>
/// API → domain for what an applicant may write. Output-only fields (state, tasks, applicant, times) have no path in
/// here: they are ignored on create and refused in an update mask, so they change only through transitions.
/// </summary>
public static class ApplicationInputMapper
{
    private static readonly string[] WritablePaths =
    [
        "title", "summary", "purpose", "project_period", "principal_investigator", "rek_committee", "rek_reference",
        "data_sources", "legal_basis", "sources_linked",
    ];

    public static ApplicationDetails ToDetails(Proto.Application message) =>
        Apply(new ApplicationDetails(), message, WritablePaths);

    /// <summary>
    /// Applies the masked fields of <paramref name="message"/> to <paramref name="current"/>. Without a mask, the
    /// fields the message sets (AIP-134): an update never clears what it did not mention. <c>*</c> replaces every
    /// writable field, as an application file does; clearing one field, or setting sources_linked to false, takes a
    /// mask that names it.
    /// </summary>
    public static ApplicationDetails ApplyMask(ApplicationDetails current, Proto.Application message, FieldMask? mask)
    {
        var paths = mask is null || mask.Paths.Count == 0 ? SetPaths(message)
            : mask.Paths is [FullReplacement] ? WritablePaths
            : mask.Paths.ToArray();
        var violations = paths.Where(p => !WritablePaths.Contains(p))
            .Select(p => new FieldViolation("update_mask", $"'{p}' cannot be updated; writable: {string.Join(", ", WritablePaths)}"))
            .ToList();
        if (violations.Count > 0) throw new InvalidInputException(violations);
        return Apply(current, message, paths);
    }

    public const string FullReplacement = "*";

    private static string[] SetPaths(Proto.Application m) => WritablePaths.Where(path => path switch
    {
        "title" => m.Title.Length > 0,
        "summary" => m.Summary.Length > 0,
        "purpose" => m.Purpose != Proto.Purpose.Unspecified,
        "project_period" => m.ProjectPeriod is not null,
        "principal_investigator" => m.PrincipalInvestigator is not null,
        "rek_committee" => m.RekCommittee.Length > 0,
        "rek_reference" => m.RekReference.Length > 0,
        "data_sources" => m.DataSources.Count > 0,
        "legal_basis" => m.LegalBasis.Length > 0,
        "sources_linked" => m.SourcesLinked,
        _ => false,
    }).ToArray();

    private static ApplicationDetails Apply(ApplicationDetails details, Proto.Application m, IReadOnlyCollection<string> paths)
    {
        var violations = new List<FieldViolation>();
        foreach (var path in paths)
        {
            details = path switch
            {
                "title" => details with { Title = m.Title.Trim() },
                "summary" => details with { Summary = m.Summary.Trim() },
                "purpose" => details with { Purpose = ToPurpose(m.Purpose, violations) },
                "project_period" => details with
                {
                    ProjectStart = ToDate(m.ProjectPeriod?.StartDate, "application.project_period.start_date", violations),
                    ProjectEnd = ToDate(m.ProjectPeriod?.EndDate, "application.project_period.end_date", violations),
                },
                "principal_investigator" => details with
                {
                    PrincipalInvestigator = new PrincipalInvestigator(
                        m.PrincipalInvestigator?.Name.Trim() ?? "", m.PrincipalInvestigator?.Email.Trim() ?? "",
                        m.PrincipalInvestigator?.Institution.Trim() ?? ""),
                },
                "rek_committee" => details with { RekCommittee = m.RekCommittee.Trim() },
                "rek_reference" => details with { RekReference = m.RekReference.Trim() },
                "data_sources" => details with
                {
                    DataSources = m.DataSources.Select(s => new DataSourceRequest(
                        s.DataSource.Trim(), s.Variables.Select(v => v.Trim()).ToList(), s.CohortCriteria.Trim())).ToList(),
                },
                "legal_basis" => details with { LegalBasis = m.LegalBasis.Trim() },
                "sources_linked" => details with { SourcesLinked = m.SourcesLinked },
                _ => details,
            };
        }

        if (violations.Count > 0) throw new InvalidInputException(violations);
        return details;
    }

    private static Purpose ToPurpose(Proto.Purpose purpose, List<FieldViolation> violations)
    {
        if (System.Enum.IsDefined(purpose)) return (Purpose)(int)purpose;
        violations.Add(new FieldViolation("application.purpose", $"{(int)purpose} is not a known purpose"));
        return Purpose.Unspecified;
    }

    private static DateOnly? ToDate(Google.Type.Date? date, string field, List<FieldViolation> violations)
    {
        if (date is null || (date.Year == 0 && date.Month == 0 && date.Day == 0)) return null;
        if (date.Year is >= 1900 and <= 2200 && date.Month is >= 1 and <= 12
            && date.Day >= 1 && date.Day <= DateTime.DaysInMonth(date.Year, date.Month))
        {
            return new DateOnly(date.Year, date.Month, date.Day);
        }

        violations.Add(new FieldViolation(field, $"{date.Year:D4}-{date.Month:D2}-{date.Day:D2} is not a valid date"));
        return null;
    }
}
