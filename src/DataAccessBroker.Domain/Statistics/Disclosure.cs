namespace DataAccessBroker.Domain.Statistics;

/// <summary>
/// Statistical disclosure control for the counts the broker publishes (docs/disclosure.md). A published table is a
/// grid of cells, rows by columns (bodies by purposes, say), with its margins: each row's total, each column's total
/// and the grand total. Answers show parts of it: the row totals and the grand total when no purpose is asked for, one
/// column and its total when one is. The rules, after the primary and secondary suppression of tau-ARGUS and
/// sdcTable:
/// <list type="bullet">
/// <item>Primary: a cell (inner or margin) of 1 to k − 1 cases is sensitive and suppressed. Zero is not sensitive.</item>
/// <item>Secondary: in every line that adds up to a total (a row with its total, a column with its total, the row
/// totals with the grand total, the column totals with the grand total), suppressed members are none, or at least two
/// that together hold at least k cases; otherwise the smallest published non-zero member joins them, the total when
/// no part is left. Repeated until every line holds, so that no suppressed cell is the one unknown of a line.</item>
/// <item>A threshold asked above the minimum hides what the minimum hides and more, so that comparing answers at two
/// thresholds tells nothing the lower one did not.</item>
/// </list>
/// </summary>
public static class Disclosure
{
    /// <summary>The smallest group published; no request lowers it.</summary>
    public const int MinimumThreshold = 5;

    /// <summary>The cells of <paramref name="table"/> to suppress at threshold <paramref name="k"/> (at least the minimum).</summary>
    public static IReadOnlySet<Cell<TRow, TColumn>> Suppressed<TRow, TColumn>(
        IReadOnlyDictionary<(TRow Row, TColumn Column), long> table, int k)
        where TRow : notnull where TColumn : notnull
    {
        if (k < MinimumThreshold) throw new ArgumentOutOfRangeException(nameof(k), k, $"at least {MinimumThreshold}");
        var grid = new Grid<TRow, TColumn>(table);
        var atMinimum = grid.Protect(MinimumThreshold);
        return k == MinimumThreshold ? atMinimum : grid.Protect(k, atMinimum);
    }

    /// <summary>
    /// The groups of a per-stage table to hide: each stage is a line of its bodies adding up to the stage's total
    /// (body ""). Returns (stage, body) pairs, body "" for a stage total.
    /// </summary>
    public static IReadOnlySet<(string Stage, string Body)> HiddenGroups(
        IEnumerable<(string Stage, string Body, long Count)> bodies, int k)
    {
        var hidden = new HashSet<(string Stage, string Body)>();
        foreach (var stage in bodies.GroupBy(b => b.Stage))
        {
            var table = stage.ToDictionary(b => (b.Body, ""), b => b.Count);
            foreach (var cell in Suppressed(table, k))
            {
                if (cell.IsColumnTotal) hidden.Add((stage.Key, ""));
                else if (!cell.IsRowTotal) hidden.Add((stage.Key, cell.Row!));
            }
        }

        return hidden;
    }

    /// <summary>A cell of a table: an inner cell, a row's or a column's total (the other key unset), or the grand total.</summary>
    public readonly record struct Cell<TRow, TColumn>(TRow? Row, TColumn? Column, bool IsRowTotal, bool IsColumnTotal)
    {
        public static Cell<TRow, TColumn> Inner(TRow row, TColumn column) => new(row, column, false, false);
        public static Cell<TRow, TColumn> RowTotal(TRow row) => new(row, default, true, false);
        public static Cell<TRow, TColumn> ColumnTotal(TColumn column) => new(default, column, false, true);
        public static Cell<TRow, TColumn> GrandTotal => new(default, default, true, true);
    }

    private sealed class Grid<TRow, TColumn> where TRow : notnull where TColumn : notnull
    {
        private readonly Dictionary<Cell<TRow, TColumn>, long> _counts = new();
        private readonly List<(Cell<TRow, TColumn> Total, List<Cell<TRow, TColumn>> Parts)> _lines = [];

        public Grid(IReadOnlyDictionary<(TRow Row, TColumn Column), long> table)
        {
            var rows = table.Keys.Select(k => k.Row).Distinct().ToList();
            var columns = table.Keys.Select(k => k.Column).Distinct().ToList();
            foreach (var ((row, column), count) in table) _counts[Cell<TRow, TColumn>.Inner(row, column)] = count;
            foreach (var row in rows)
            {
                var parts = columns.Select(c => Cell<TRow, TColumn>.Inner(row, c)).ToList();
                _counts[Cell<TRow, TColumn>.RowTotal(row)] = parts.Sum(Count);
                _lines.Add((Cell<TRow, TColumn>.RowTotal(row), parts));
            }

            foreach (var column in columns)
            {
                var parts = rows.Select(r => Cell<TRow, TColumn>.Inner(r, column)).ToList();
                _counts[Cell<TRow, TColumn>.ColumnTotal(column)] = parts.Sum(Count);
                _lines.Add((Cell<TRow, TColumn>.ColumnTotal(column), parts));
            }

            _counts[Cell<TRow, TColumn>.GrandTotal] = table.Values.Sum();
            _lines.Add((Cell<TRow, TColumn>.GrandTotal, rows.Select(Cell<TRow, TColumn>.RowTotal).ToList()));
            _lines.Add((Cell<TRow, TColumn>.GrandTotal, columns.Select(Cell<TRow, TColumn>.ColumnTotal).ToList()));
        }

        private long Count(Cell<TRow, TColumn> cell) => _counts.GetValueOrDefault(cell);

        public HashSet<Cell<TRow, TColumn>> Protect(int k, IEnumerable<Cell<TRow, TColumn>>? alreadySuppressed = null)
        {
            var suppressed = _counts.Where(c => c.Value > 0 && c.Value < k).Select(c => c.Key).ToHashSet();
            suppressed.UnionWith(alreadySuppressed ?? []);
            while (HideBesideUnsafeLine(suppressed, k) || HideBesideSolvableCell(suppressed, k))
            {
            }

            return suppressed;
        }

        /// <summary>
        /// A line is safe when nothing in it is hidden, or at least two members are and, with the total published,
        /// the hidden parts together hold at least k cases. Hides one more cell of the first line that is not.
        /// </summary>
        private bool HideBesideUnsafeLine(HashSet<Cell<TRow, TColumn>> suppressed, int k)
        {
            foreach (var line in _lines)
            {
                var hiddenParts = line.Parts.Where(suppressed.Contains).ToList();
                var totalHidden = suppressed.Contains(line.Total);
                var hidden = hiddenParts.Count + (totalHidden ? 1 : 0);
                if (hidden == 0 || (hidden >= 2 && (totalHidden || hiddenParts.Sum(Count) >= k))) continue;
                if (PartnerIn(line, suppressed) is { } partner)
                {
                    suppressed.Add(partner);
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Lines one by one can miss what lines together give away: solves them all, and hides one more cell in a
        /// line of the first sensitive cell that can still be solved for.
        /// </summary>
        private bool HideBesideSolvableCell(HashSet<Cell<TRow, TColumn>> suppressed, int k)
        {
            foreach (var cell in Solvable(suppressed).Where(c => Count(c) > 0 && Count(c) < k))
            {
                foreach (var line in _lines.Where(l => l.Total.Equals(cell) || l.Parts.Contains(cell)))
                {
                    if (PartnerIn(line, suppressed) is not { } partner) continue;
                    suppressed.Add(partner);
                    return true;
                }
            }

            return false;
        }

        /// <summary>The smallest published non-zero part of the line, else its total if published; null when only zeros show.</summary>
        private Cell<TRow, TColumn>? PartnerIn(
            (Cell<TRow, TColumn> Total, List<Cell<TRow, TColumn>> Parts) line, HashSet<Cell<TRow, TColumn>> suppressed) =>
            line.Parts.Where(p => !suppressed.Contains(p) && Count(p) > 0).OrderBy(Count)
                .Select(p => (Cell<TRow, TColumn>?)p).FirstOrDefault()
            ?? (suppressed.Contains(line.Total) ? null : line.Total);

        private IEnumerable<Cell<TRow, TColumn>> Solvable(HashSet<Cell<TRow, TColumn>> suppressed)
        {
            var hidden = suppressed.ToList();
            var index = hidden.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
            var equations = _lines.Select(l => (
                (IReadOnlyList<int>)l.Parts.Where(index.ContainsKey).Select(p => index[p]).ToList(),
                index.GetValueOrDefault(l.Total, -1)));
            return SuppressionAudit.Determined(hidden.Count, equations).Select(i => hidden[i]);
        }
    }
}
