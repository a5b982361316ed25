namespace DataAccessBroker.Domain.Applications;

/// <summary>
/// What the applicant writes. Everything here is editable while the application is a draft or waits on the applicant;
/// state, decisions and ownership live on <see cref="DataAccessApplication"/> and are never part of the details.
/// </summary>
public sealed record ApplicationDetails
{
    public string Title { get; init; } = "";
    public string Summary { get; init; } = "";
    public Purpose Purpose { get; init; }
    public DateOnly? ProjectStart { get; init; }
    public DateOnly? ProjectEnd { get; init; }
    public PrincipalInvestigator PrincipalInvestigator { get; init; } = PrincipalInvestigator.Empty;
    public string RekCommittee { get; init; } = "";
    public string RekReference { get; init; } = "";
    public IReadOnlyList<DataSourceRequest> DataSources { get; init; } = [];
    public string LegalBasis { get; init; } = "";
    public bool SourcesLinked { get; init; }

    public bool RequiresRekReview => Purpose.RequiresRekReview();
}
