namespace DataAccessBroker.Domain.Statistics;

/// <summary>
/// Statistical disclosure control for the counts the broker publishes (docs/disclosure.md). A published table is a
/// hypercube of counts (bodies by purposes by quarters of a year, for each stage) with all its margins; answers show
/// slices of it: one purpose or all, one quarter or the year, one body or all. Because every answer is read off one
/// pattern decided on the whole table, no combination of answers shows what the pattern hides. The rules, after the
/// primary and secondary suppression of tau-ARGUS and sdcTable:
/// <list type="bullet">
/// <item>Primary: a cell (inner or margin) of 1 to k − 1 cases is sensitive and suppressed. Zero is not sensitive.</item>
/// <item>Secondary: in every line that adds up to a total, suppressed members are none, or at least two that together
/// hold at least k cases; otherwise the smallest published non-zero member joins them, the total when no part is left.
/// Then all lines are solved together, as an attacker would, and a cell is hidden beside any sensitive cell that can
/// still be solved for. Repeated until nothing changes.</item>
/// <item>A threshold asked above the minimum hides what the minimum hides and more, so that comparing answers at two
/// thresholds tells nothing the lower one did not.</item>
/// </list>
/// </summary>
public static class Disclosure
{
    /// <summary>The smallest group published; no request lowers it.</summary>
    public const int MinimumThreshold = 5;

    /// <summary>The cells of a table of inner cells (with every margin) to suppress at threshold <paramref name="k"/>.</summary>
    public static IReadOnlySet<TableCell> Suppressed(IReadOnlyDictionary<TableCell, long> inner, int k)
    {
        if (k < MinimumThreshold) throw new ArgumentOutOfRangeException(nameof(k), k, $"at least {MinimumThreshold}");
        var cube = new Hypercube(inner);
        var atMinimum = cube.Protect(MinimumThreshold);
        return k == MinimumThreshold ? atMinimum : cube.Protect(k, atMinimum);
    }

    /// <summary>The cells of a two-way table, rows by columns, to suppress.</summary>
    public static IReadOnlySet<TableCell> Suppressed(IReadOnlyDictionary<(string Row, string Column), long> table, int k) =>
        Suppressed(table.ToDictionary(t => TableCell.Inner(t.Key.Row, t.Key.Column), t => t.Value), k);

    /// <summary>
    /// The groups of an answer to hide. Each stage is a table of bodies by purposes (by quarters when
    /// <paramref name="cases"/> carry them); the answer is its slice for one purpose or all (null) and one quarter or all
    /// (null). Returns (stage, body) pairs, body "" for a stage total.
    /// </summary>
    public static IReadOnlySet<(string Stage, string Body)> HiddenGroups(
        IEnumerable<(string Stage, string Body, string Purpose, string? Quarter, long Count)> cases, string? purpose,
        string? quarter, int k)
    {
        var hidden = new HashSet<(string Stage, string Body)>();
        foreach (var stage in cases.GroupBy(c => c.Stage))
        {
            var table = stage.GroupBy(c => new TableCell(c.Body, c.Purpose, c.Quarter))
                .ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
            foreach (var cell in Suppressed(table, k).Where(c => c.Column == purpose && c.Layer == quarter))
            {
                hidden.Add((stage.Key, cell.Row ?? ""));
            }
        }

        return hidden;
    }
}
