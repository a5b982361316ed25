using DataAccessBroker.Domain.Applications;

namespace DataAccessBroker.Domain.Sla;

/// <summary>
/// How long each body has (docs/design.md §4). Overrides are keyed by a data source or committee code, optionally prefixed
/// by the stage (<c>DataDelivery:npr</c>); the stage-specific key wins.
/// </summary>
public sealed record SlaPolicy
{
    /// <summary>No statutory count found; Danish ethics committees answer new projects in 60 days.</summary>
    public SlaAllowance RekReview { get; init; } = SlaAllowance.CalendarDays(60);

    /// <summary>helseregisterloven § 19 f: 30 virkedager, 60 when the application links several sources.</summary>
    public SlaAllowance DataOwnerReview { get; init; } = SlaAllowance.BusinessDays(30);

    public SlaAllowance DataOwnerReviewLinked { get; init; } = SlaAllowance.BusinessDays(60);

    public SlaAllowance HdsDecision { get; init; } = SlaAllowance.BusinessDays(30);

    /// <summary>
    /// A peer node's whole assessment of its part (its data owners and its access body): EHDS Art. 68(4) gives an
    /// access body 3 months from a complete application, counted as 90 calendar days.
    /// </summary>
    public SlaAllowance PeerAssessment { get; init; } = SlaAllowance.CalendarDays(90);

    /// <summary>Findata's target: delivery in 60 working days per source.</summary>
    public SlaAllowance DataDelivery { get; init; } = SlaAllowance.BusinessDays(60);

    /// <summary>EHDS Art. 68: the applicant has about four weeks to complete; then the application lapses.</summary>
    public SlaAllowance ApplicantResponse { get; init; } = SlaAllowance.BusinessDays(20);

    /// <summary>EHDS Art. 68(4): a decision within 3 months of a complete application, counted as 90 calendar days.</summary>
    public SlaAllowance ApplicationDecision { get; init; } = SlaAllowance.CalendarDays(90);

    /// <summary>Three months to decide plus about three to extract (helsedata.no, 2024): 180 calendar days.</summary>
    public SlaAllowance ApplicationDelivery { get; init; } = SlaAllowance.CalendarDays(180);

    public SlaThresholds Thresholds { get; init; } = new();

    public IReadOnlyDictionary<string, SlaAllowance> Overrides { get; init; } = new Dictionary<string, SlaAllowance>();

    public SlaAllowance For(StageTask task, ApplicationDetails details)
    {
        var code = task.DataSource ?? task.Organisation;
        if (Overrides.TryGetValue($"{task.Stage}:{code}", out var specific)) return specific;
        if (Overrides.TryGetValue(code, out var general)) return general;
        return task.Stage switch
        {
            Stage.RekReview => RekReview,
            Stage.DataOwnerReview when task.Node is not null => PeerAssessment,
            Stage.DataOwnerReview => details.SourcesLinked && details.DataSources.Count > 1
                ? DataOwnerReviewLinked
                : DataOwnerReview,
            Stage.HdsDecision => HdsDecision,
            _ => DataDelivery,
        };
    }

    public SlaAllowance For(SlaTimerSubject subject) => subject switch
    {
        SlaTimerSubject.ApplicantResponse => ApplicantResponse,
        SlaTimerSubject.ApplicationDecision => ApplicationDecision,
        SlaTimerSubject.ApplicationDelivery => ApplicationDelivery,
        _ => throw new ArgumentOutOfRangeException(nameof(subject), "stage tasks take their allowance from the task"),
    };
}
