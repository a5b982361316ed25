using System.Globalization;
using DataAccessBroker.Contracts.V1;

namespace DataAccessBroker.Reporting;

/// <summary>Nodes side by side: one row per stage, one cell per node ("23.5 bd (41)", suppressed, or –).</summary>
public static class NodeComparison
{
    public static IEnumerable<string[]> Rows(IReadOnlyList<NodeTurnaround> nodes) =>
        new[] { Stage.RekReview, Stage.DataOwnerReview, Stage.HdsDecision, Stage.DataDelivery }
            .Where(stage => nodes.Any(n => n.Groups.Any(g => g.Stage == stage && g.Body.Length == 0)))
            .Select(stage => new[] { Terms.Stage(stage) }
                .Concat(nodes.Select(n => Cell(n.Groups.FirstOrDefault(g => g.Stage == stage && g.Body.Length == 0))))
                .ToArray());

    private static string Cell(TurnaroundGroup? group) => group switch
    {
        null => "–",
        { Suppressed: true } => Figures.Suppressed,
        _ => string.Create(CultureInfo.InvariantCulture,
            $"{Figures.Days(group.HasMedianBusinessDays ? group.MedianBusinessDays : null)} bd ({group.Count})"),
    };
}
