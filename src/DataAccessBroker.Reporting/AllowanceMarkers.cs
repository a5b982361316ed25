using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Reporting.Charts;
using static DataAccessBroker.Reporting.Charts.ChartText;

namespace DataAccessBroker.Reporting;

/// <summary>
/// A stage's SLA allowances as markers on a business-day axis. A calendar-day allowance (REK: 60 calendar days) has
/// no exact place on that axis: it is marked at days × 5/7, and its label says both figures so nobody reads the
/// approximation as the rule.
/// </summary>
public static class AllowanceMarkers
{
    /// <summary>Business days in a calendar week: the factor from calendar to (about) business days.</summary>
    private const double BusinessShareOfWeek = 5.0 / 7.0;

    public static IReadOnlyList<VerticalMarker> For(Stage stage, IEnumerable<StageAllowance> allowances) =>
        [.. allowances.Where(a => a.Stage == stage).OrderBy(a => a.Days).Select(Marker)];

    private static VerticalMarker Marker(StageAllowance allowance)
    {
        var when = allowance.AppliesTo.Length > 0 ? $" ({allowance.AppliesTo})" : "";
        if (allowance.BusinessDays) return new VerticalMarker(allowance.Days, $"SLA {Number(allowance.Days)} bd{when}");
        var equivalent = allowance.Days * BusinessShareOfWeek;
        return new VerticalMarker(equivalent,
            $"SLA ≈ {Number(Math.Round(equivalent))} bd = {Number(allowance.Days)} calendar days{when}");
    }
}
