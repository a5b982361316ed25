using System.ComponentModel.DataAnnotations;
using DataAccessBroker.Contracts.V1;

namespace DataAccessBroker.Web.Forms;

/// <summary>
/// The application as the form edits it: the contract's fields, with one entry per catalog source (ticked when
/// requested). The portal checks nothing the broker checks; the broker's field violations come back onto these fields
/// (<see cref="FieldOf"/>).
/// </summary>
public sealed class ApplicationForm
{
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
    public Purpose Purpose { get; set; }
    [DataType(DataType.Date)] public DateOnly? StartDate { get; set; }
    [DataType(DataType.Date)] public DateOnly? EndDate { get; set; }
    public string PiName { get; set; } = "";
    public string PiEmail { get; set; } = "";
    public string PiInstitution { get; set; } = "";
    public string RekCommittee { get; set; } = "";
    public string RekReference { get; set; } = "";
    public string LegalBasis { get; set; } = "";
    public bool SourcesLinked { get; set; }
    public List<SourceRequestForm> Sources { get; set; } = [];

    /// <summary>The version the user started from; a stale one is refused by the broker (ABORTED), not overwritten.</summary>
    public string Etag { get; set; } = "";

    /// <summary>Makes the first save idempotent: a double click or a re-post creates one draft, not two.</summary>
    public string RequestId { get; set; } = "";

    /// <summary>To the reviewer who asked for changes, sent with a resubmission.</summary>
    public string Comment { get; set; } = "";

    /// <summary>Every field the form edits, for the update's field mask: the form always sends the whole application.</summary>
    public static readonly string[] UpdateMask =
    [
        "title", "summary", "purpose", "project_period", "principal_investigator", "rek_committee", "rek_reference",
        "data_sources", "legal_basis", "sources_linked",
    ];

    public Application ToApplication(string name)
    {
        var application = new Application
        {
            Name = name,
            Title = Title ?? "",
            Summary = Summary ?? "",
            Purpose = Purpose,
            RekCommittee = RekCommittee ?? "",
            RekReference = RekReference ?? "",
            LegalBasis = LegalBasis ?? "",
            SourcesLinked = SourcesLinked,
            Etag = Etag ?? "",
            PrincipalInvestigator = new PrincipalInvestigator
            {
                Name = PiName ?? "", Email = PiEmail ?? "", Institution = PiInstitution ?? "",
            },
            ProjectPeriod = new ProjectPeriod { StartDate = ToDate(StartDate), EndDate = ToDate(EndDate) },
        };
        application.DataSources.AddRange(Requested().Select(s =>
        {
            var request = new DataSourceRequest { DataSource = s.Code, CohortCriteria = s.CohortCriteria ?? "" };
            request.Variables.AddRange(SourceRequestForm.Lines(s.Variables));
            return request;
        }));
        return application;
    }

    /// <summary>The form for an application, with every catalog source listed and the requested ones ticked.</summary>
    public static ApplicationForm From(Application application, IEnumerable<DataSource> catalog)
    {
        var requested = application.DataSources.ToDictionary(s => s.DataSource);
        return new ApplicationForm
        {
            Title = application.Title,
            Summary = application.Summary,
            Purpose = application.Purpose,
            StartDate = FromDate(application.ProjectPeriod?.StartDate),
            EndDate = FromDate(application.ProjectPeriod?.EndDate),
            PiName = application.PrincipalInvestigator?.Name ?? "",
            PiEmail = application.PrincipalInvestigator?.Email ?? "",
            PiInstitution = application.PrincipalInvestigator?.Institution ?? "",
            RekCommittee = application.RekCommittee,
            RekReference = application.RekReference,
            LegalBasis = application.LegalBasis,
            SourcesLinked = application.SourcesLinked,
            Etag = application.Etag,
            // Sources no longer in the catalog stay on the form, so saving never drops what was requested.
            Sources = [.. catalog.Select(s => s.Code).Concat(requested.Keys).Distinct().Select(code =>
                requested.TryGetValue(code, out var r)
                    ? new SourceRequestForm { Code = code, Selected = true, Variables = string.Join('\n', r.Variables), CohortCriteria = r.CohortCriteria }
                    : new SourceRequestForm { Code = code })],
        };
    }

    public static ApplicationForm Empty(IEnumerable<DataSource> catalog) => new()
    {
        RequestId = Guid.NewGuid().ToString(),
        Sources = [.. catalog.Select(s => new SourceRequestForm { Code = s.Code })],
    };

    /// <summary>
    /// The form field a broker field path names (<c>data_sources[1].variables[3]</c> → the second requested source's
    /// variables); the form as a whole ("") for a path it does not show.
    /// </summary>
    public string FieldOf(string path)
    {
        var (head, rest) = Split(path);
        return head switch
        {
            "title" => "Form.Title",
            "summary" => "Form.Summary",
            "purpose" => "Form.Purpose",
            "project_period" => rest.StartsWith("end_date", StringComparison.Ordinal) ? "Form.EndDate" : "Form.StartDate",
            "principal_investigator" => rest.StartsWith("email", StringComparison.Ordinal) ? "Form.PiEmail"
                : rest.StartsWith("institution", StringComparison.Ordinal) ? "Form.PiInstitution" : "Form.PiName",
            "rek_committee" => "Form.RekCommittee",
            "rek_reference" => "Form.RekReference",
            "legal_basis" => "Form.LegalBasis",
            "sources_linked" => "Form.SourcesLinked",
            "data_sources" => SourceField(path, rest),
            _ => "",
        };
    }

    private string SourceField(string path, string rest)
    {
        var open = path.IndexOf('[');
        var close = path.IndexOf(']');
        if (open < 0 || close < open || !int.TryParse(path[(open + 1)..close], out var index)) return "Form.Sources";
        var requested = Requested().ToList();
        if (index < 0 || index >= requested.Count) return "Form.Sources";
        var at = Sources.IndexOf(requested[index]);
        return rest.StartsWith("cohort_criteria", StringComparison.Ordinal) ? $"Form.Sources[{at}].CohortCriteria"
            : rest.StartsWith("data_source", StringComparison.Ordinal) ? $"Form.Sources[{at}].Selected"
            : $"Form.Sources[{at}].Variables";
    }

    private IEnumerable<SourceRequestForm> Requested() => Sources.Where(s => s.Selected);

    private static (string Head, string Tail) Split(string path)
    {
        var end = path.IndexOfAny(['.', '[']);
        if (end < 0) return (path, "");
        var rest = path[end..];
        var dot = rest.IndexOf('.');
        return (path[..end], dot < 0 ? "" : rest[(dot + 1)..]);
    }

    private static Google.Type.Date? ToDate(DateOnly? date) =>
        date is { } d ? new Google.Type.Date { Year = d.Year, Month = d.Month, Day = d.Day } : null;

    private static DateOnly? FromDate(Google.Type.Date? date) =>
        date is { Year: > 0, Month: >= 1 and <= 12, Day: >= 1 } d && d.Day <= DateTime.DaysInMonth(d.Year, d.Month)
            ? new DateOnly(d.Year, d.Month, d.Day) : null;
}

/// <summary>One catalog source on the form: ticked or not, and what is asked of it.</summary>
public sealed class SourceRequestForm
{
    public string Code { get; set; } = "";
    public bool Selected { get; set; }

    /// <summary>One variable per line (commas also separate), as researchers paste them from a codebook.</summary>
    public string Variables { get; set; } = "";

    public string CohortCriteria { get; set; } = "";

    public static IEnumerable<string> Lines(string? text) =>
        (text ?? "").Split(['\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
