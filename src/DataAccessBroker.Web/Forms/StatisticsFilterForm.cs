using System.Globalization;
using DataAccessBroker.Contracts.V1;

namespace DataAccessBroker.Web.Forms;

/// <summary>
/// The statistics filters, as the report's and <c>dab stats</c>' options: months from and to (the broker resolves an
/// unset period and says which in each answer's scope), purpose, data source, REK committee.
/// </summary>
public sealed class StatisticsFilterForm
{
    public string? From { get; set; }
    public string? To { get; set; }
    public Purpose Purpose { get; set; }
    public string? Source { get; set; }
    public string? Committee { get; set; }

    /// <summary>The filter, or the fields that are not months.</summary>
    public (StatisticsFilter Filter, IReadOnlyList<string> BadFields) ToFilter()
    {
        var bad = new List<string>();
        var filter = new StatisticsFilter
        {
            StartDate = Month(From, nameof(From), bad),
            EndDate = Month(To, nameof(To), bad),
            Purpose = Purpose,
            DataSource = Source ?? "",
            RekCommittee = Committee ?? "",
        };
        return (filter, bad);
    }

    /// <summary>The filter as query parameters, for the CSV link and paging.</summary>
    public Dictionary<string, string> Query() => new()
    {
        ["Filter.From"] = From ?? "", ["Filter.To"] = To ?? "", ["Filter.Purpose"] = Purpose.ToString(),
        ["Filter.Source"] = Source ?? "", ["Filter.Committee"] = Committee ?? "",
    };

    public static string FieldOf(string path) => path switch
    {
        var p when p.Contains("start_date", StringComparison.Ordinal) => "Filter.From",
        var p when p.Contains("end_date", StringComparison.Ordinal) => "Filter.To",
        var p when p.Contains("data_source", StringComparison.Ordinal) => "Filter.Source",
        var p when p.Contains("rek_committee", StringComparison.Ordinal) => "Filter.Committee",
        var p when p.Contains("purpose", StringComparison.Ordinal) => "Filter.Purpose",
        _ => "",
    };

    private static Google.Type.Date? Month(string? text, string field, List<string> bad)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            return new Google.Type.Date { Year = month.Year, Month = month.Month, Day = 1 };
        }

        bad.Add($"Filter.{field}");
        return null;
    }
}
