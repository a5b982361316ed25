using System.Text.RegularExpressions;
using DataAccessBroker.Domain.Errors;

namespace DataAccessBroker.Domain.Catalog;

/// <summary>Codes double as organisation claims and appear in URLs and CLI arguments, so they stay plain.</summary>
public static partial class CatalogEntryValidator
{
    private const int MaxNameLength = 200;

    public static IReadOnlyList<FieldViolation> Validate(DataSource source, string prefix = "data_source")
    {
        var violations = new List<FieldViolation>();
        CheckCode(source.Code, $"{prefix}.code", violations);
        CheckName(source.Name, $"{prefix}.display_name", violations);
        CheckName(source.OwnerName, $"{prefix}.owner_name", violations);
        CheckCode(source.Organisation, $"{prefix}.organisation", violations);
        return violations;
    }

    public static IReadOnlyList<FieldViolation> Validate(RekCommittee committee, string prefix = "rek_committee")
    {
        var violations = new List<FieldViolation>();
        CheckCode(committee.Code, $"{prefix}.code", violations);
        CheckName(committee.Name, $"{prefix}.display_name", violations);
        if (committee.Region.Length > MaxNameLength)
        {
            violations.Add(new($"{prefix}.region", $"must be at most {MaxNameLength} characters"));
        }

        return violations;
    }

    private static void CheckCode(string code, string field, List<FieldViolation> violations)
    {
        if (!CodePattern().IsMatch(code))
        {
            violations.Add(new(field, "must be 2–64 characters of a–z, 0–9 and '-', starting with a letter"));
        }
    }

    private static void CheckName(string name, string field, List<FieldViolation> violations)
    {
        if (name.Trim().Length == 0) violations.Add(new(field, "is required"));
        else if (name.Length > MaxNameLength) violations.Add(new(field, $"must be at most {MaxNameLength} characters"));
        else if (name.Contains('\0')) violations.Add(new(field, "must not contain NUL characters"));
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{1,63}$")]
    private static partial Regex CodePattern();
}
