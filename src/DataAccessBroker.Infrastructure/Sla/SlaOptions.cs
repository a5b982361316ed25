using DataAccessBroker.Domain.Sla;

namespace DataAccessBroker.Infrastructure.Sla;

/// <summary>
/// Section <c>Sla</c>: allowances as text ("30 business days", "60 calendar days", "20 seconds"); anything left out
/// keeps the default of <see cref="SlaPolicy"/>.
/// </summary>
public sealed class SlaOptions
{
    public string? RekReview { get; set; }
    public string? DataOwnerReview { get; set; }
    public string? DataOwnerReviewLinked { get; set; }
    public string? HdsDecision { get; set; }
    public string? DataDelivery { get; set; }
    public string? PeerAssessment { get; set; }
    public string? ApplicantResponse { get; set; }
    public string? ApplicationDecision { get; set; }
    public string? ApplicationDelivery { get; set; }
    public double? ReminderAt { get; set; }
    public double? BreachAt { get; set; }
    public double? EscalationAt { get; set; }

    /// <summary>Per data source or committee code, optionally stage-prefixed: <c>{"DataDelivery:npr": "90 business days"}</c>.</summary>
    public Dictionary<string, string> Overrides { get; set; } = [];

    /// <summary>
    /// The pause between two passes of the firing process over the due-time index: the lateness of a milestone is at
    /// most about this, plus the pass itself.
    /// </summary>
    public TimeSpan FiringInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    public SlaPolicy ToPolicy()
    {
        var defaults = new SlaPolicy();
        return new SlaPolicy
        {
            RekReview = Parse(RekReview, defaults.RekReview),
            DataOwnerReview = Parse(DataOwnerReview, defaults.DataOwnerReview),
            DataOwnerReviewLinked = Parse(DataOwnerReviewLinked, defaults.DataOwnerReviewLinked),
            HdsDecision = Parse(HdsDecision, defaults.HdsDecision),
            DataDelivery = Parse(DataDelivery, defaults.DataDelivery),
            PeerAssessment = Parse(PeerAssessment, defaults.PeerAssessment),
            ApplicantResponse = Parse(ApplicantResponse, defaults.ApplicantResponse),
            ApplicationDecision = Parse(ApplicationDecision, defaults.ApplicationDecision),
            ApplicationDelivery = Parse(ApplicationDelivery, defaults.ApplicationDelivery),
            Thresholds = new SlaThresholds(
                ReminderAt ?? defaults.Thresholds.Reminder, BreachAt ?? defaults.Thresholds.Breach,
                EscalationAt ?? defaults.Thresholds.Escalation),
            Overrides = Overrides.ToDictionary(o => o.Key, o => SlaAllowance.Parse(o.Value)),
        };
    }

    private static SlaAllowance Parse(string? text, SlaAllowance fallback) =>
        string.IsNullOrWhiteSpace(text) ? fallback : SlaAllowance.Parse(text);
}
