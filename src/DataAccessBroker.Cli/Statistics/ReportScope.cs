using System.Text;
using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Reporting;
using static DataAccessBroker.Reporting.Charts.ChartText;

namespace DataAccessBroker.Cli.Statistics;

/// <summary>
/// What a report was computed over, as the broker says in its answers: the period, every filter, the suppression
/// threshold, whether the period is still running, and whether the history is simulated. A report that cannot say
/// where its figures come from must not look like one that can.
/// </summary>
public sealed record ReportScope(StatisticsScope Scope, bool Reported, bool Simulated, IReadOnlyList<string> SimulatedNodes)
{
    /// <summary>The minimum threshold the contract names for a request that sets none.</summary>
    private const int DefaultThreshold = 5;

    public static ReportScope Of(StatisticsSnapshot s)
    {
        var scopes = new[] { s.Turnaround.Scope, s.Backlog.Scope, s.Trend.Scope, s.Bottlenecks.Scope };
        var simulatedNodes = s.Turnaround.Nodes.Skip(1).Where(n => n.Simulated).Select(n => n.Node).ToList();
        if (s.Turnaround.Scope is { } scope) return new ReportScope(scope, true, scopes.Any(c => c?.Simulated == true), simulatedNodes);

        // A broker older than the scope in the contract: say what was asked, and that the rest is not known.
        var asked = new StatisticsScope
        {
            StartMonth = s.Filter.StartDate, EndMonth = s.Filter.EndDate, Purpose = s.Filter.Purpose,
            DataSource = s.Filter.DataSource, RekCommittee = s.Filter.RekCommittee,
            SuppressionThreshold = s.Filter.HasSuppressionThreshold ? s.Filter.SuppressionThreshold : DefaultThreshold,
        };
        return new ReportScope(asked, false, false, simulatedNodes);
    }

    public string Period => $"{Month(Scope.StartMonth)} – {Month(Scope.EndMonth)}";

    public int Threshold => Scope.SuppressionThreshold;

    /// <summary>A prefix for the title, so that a simulated report says so even in a list of open tabs or files.</summary>
    public string TitlePrefix => Simulated ? "SIMULATED HISTORY – " : SimulatedNodes.Count > 0 ? "PARTLY SIMULATED – " : "";

    /// <summary>The warning at the top of the report, or nothing when the history is real and the broker said so.</summary>
    public string Banner()
    {
        if (Simulated)
        {
            return $"""<p class="banner" id="simulated"><strong>{Escape(ScopeDescription.SimulatedWarning)}</strong> Do not send this report to a council.</p>""";
        }

        if (SimulatedNodes.Count > 0)
        {
            return $"""<p class="banner" id="simulated"><strong>Partly simulated.</strong> The figures of {Escape(string.Join(", ", SimulatedNodes))} come from simulated history, not real applications: do not report them as real.</p>""";
        }

        return Reported ? "" : """<p class="banner" id="scope-unknown"><strong>Not known whether real.</strong> This broker does not report the scope of its figures, so this report cannot say whether its history is simulated or which threshold it applied. Check with the broker's administrator before sending it.</p>""";
    }

    /// <summary>The period and every filter, each with an id a reader's tools (and the tests) can find.</summary>
    public string Html(DateTimeOffset generated, IReadOnlyList<NodeTurnaround> nodes)
    {
        var html = new StringBuilder("""<dl class="scope">""");
        Item(html, "period", "Period", ScopeDescription.Period(Scope));
        Item(html, "purpose", "Purpose", Scope.Purpose == Purpose.Unspecified ? "every purpose" : Terms.Words(Scope.Purpose));
        Item(html, "data-source", "Data source", Scope.DataSource.Length > 0 ? Scope.DataSource : "every data source");
        Item(html, "rek-committee", "REK committee", Scope.RekCommittee.Length > 0 ? Scope.RekCommittee : "every committee");
        Item(html, "threshold", "Suppression threshold",
            $"{Threshold}: groups of fewer than {Threshold} cases are suppressed, with any group that would give one away");
        Item(html, "nodes", "Nodes", nodes.Count == 0 ? "this node only" : string.Join(", ", nodes.Select(n => $"{n.NodeName} ({n.Node})")));
        Item(html, "history", "History", !Reported ? "not reported by the broker"
            : Simulated ? "SIMULATED: not real applications"
            : SimulatedNodes.Count > 0 ? $"real here; simulated at {string.Join(", ", SimulatedNodes)}" : "real (the broker holds no simulated history)");
        Item(html, "computed", "Computed", (Scope.ComputeTime is { } computed ? $"{Times.Format(computed)} by the broker; " : "") +
                                         $"report written {Times.Format(generated)}");
        return html.Append("</dl>").ToString();
    }

    private static void Item(StringBuilder html, string id, string term, string value) =>
        html.Append($"""<dt>{Escape(term)}</dt><dd id="scope-{id}">{Escape(value)}</dd>""");

    private static string Month(Google.Type.Date? date) => date is null ? "?" : Figures.Month(date);
}
