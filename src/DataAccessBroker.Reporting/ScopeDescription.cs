using DataAccessBroker.Contracts.V1;

namespace DataAccessBroker.Reporting;

/// <summary>
/// What a statistics answer was computed over, in words, as the broker resolved it: the period (and whether it is
/// still running), every filter, the suppression threshold, and the provenance warning for simulated history.
/// </summary>
public static class ScopeDescription
{
    public const string SimulatedWarning =
        "SIMULATED HISTORY: this broker's database holds simulated applications (dab simulate). These figures are " +
        "not real; never report them as real.";

    /// <summary>"2026-01 – 2026-12 (still running)"; empty for the backlog, which is a point in time.</summary>
    public static string Period(StatisticsScope scope) =>
        scope.StartMonth is null ? "" :
        $"{Figures.Month(scope.StartMonth)} – {Figures.Month(scope.EndMonth)}" + (scope.Partial ? " (still running: figures so far)" : "");

    /// <summary>Every filter, "all" where none was given, and the threshold.</summary>
    public static string Filters(StatisticsScope scope) =>
        $"purpose {(scope.Purpose == Purpose.Unspecified ? "all" : Terms.Words(scope.Purpose))}" +
        $" · data source {Or(scope.DataSource)} · REK committee {Or(scope.RekCommittee)}" +
        $" · groups of fewer than {scope.SuppressionThreshold} cases suppressed";

    /// <summary>The lines a terminal table opens with.</summary>
    public static IEnumerable<string> Lines(StatisticsScope? scope)
    {
        if (scope is null) yield break;
        if (scope.Simulated) yield return SimulatedWarning;
        var period = Period(scope);
        if (period.Length > 0) yield return $"Period {period}";
        yield return Filters(scope);
    }

    private static string Or(string code) => code.Length > 0 ? code : "all";
}
