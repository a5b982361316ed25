namespace DataAccessBroker.Domain.Statistics;

/// <summary>
/// A table of counts with every margin, as disclosure control sees it: each cell over up to three dimensions, and
/// every line that adds up (the members of one dimension, the others fixed, add up to the cell where that dimension is
/// null). <see cref="Protect"/> chooses the cells to hide: primary suppression of small cells, then secondary
/// suppression line by line and, for what lines together give away, by solving them all (<see cref="SuppressionAudit"/>).
/// This is the hypercube method of tau-ARGUS (Repsilber; de Wolf) in its simplest form.
/// </summary>
internal sealed class Hypercube
{
    private const int Dimensions = 3;

    private readonly Dictionary<TableCell, long> _counts = new();
    private readonly List<(TableCell Total, List<TableCell> Parts)> _lines = [];

    /// <param name="inner">The inner cells; a dimension the table does not use is null in every one of them.</param>
    public Hypercube(IReadOnlyDictionary<TableCell, long> inner)
    {
        var used = Enumerable.Range(0, Dimensions).Where(d => inner.Keys.Any(c => c[d] is not null)).ToList();
        var values = used.ToDictionary(d => d, d => inner.Keys.Select(c => c[d]!).Distinct().ToList());
        // In a fixed order, so that the cells chosen (ties broken by order) are the same however the inner cells came:
        // two patterns for one table would together hide less than either.
        foreach (var (cell, count) in inner.OrderBy(c => c.Key))
        {
            // Every margin the cell adds to: each subset of the used dimensions set to null.
            for (var subset = 0; subset < 1 << used.Count; subset++)
            {
                var margin = cell;
                for (var i = 0; i < used.Count; i++)
                {
                    if ((subset & (1 << i)) != 0) margin = margin.With(used[i], null);
                }

                _counts[margin] = _counts.GetValueOrDefault(margin) + count;
            }
        }

        foreach (var total in _counts.Keys)
        {
            foreach (var d in used.Where(d => total[d] is null))
            {
                _lines.Add((total, values[d].Select(v => total.With(d, v)).Where(_counts.ContainsKey).ToList()));
            }
        }
    }

    public long Count(TableCell cell) => _counts.GetValueOrDefault(cell);

    public HashSet<TableCell> Protect(int k, IEnumerable<TableCell>? alreadySuppressed = null)
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
    /// the hidden parts together hold at least k cases. Goes through every line once, hiding one more cell of each
    /// line that is not; returns whether it hid any.
    /// </summary>
    private bool HideBesideUnsafeLine(HashSet<TableCell> suppressed, int k)
    {
        var hidAny = false;
        foreach (var line in _lines)
        {
            var hiddenParts = 0;
            long hiddenCases = 0;
            foreach (var part in line.Parts)
            {
                if (!suppressed.Contains(part)) continue;
                hiddenParts++;
                hiddenCases += Count(part);
            }

            var totalHidden = suppressed.Contains(line.Total);
            var hidden = hiddenParts + (totalHidden ? 1 : 0);
            if (hidden == 0 || (hidden >= 2 && (totalHidden || hiddenCases >= k))) continue;
            if (PartnerIn(line, suppressed) is { } partner)
            {
                suppressed.Add(partner);
                hidAny = true;
            }
        }

        return hidAny;
    }

    /// <summary>
    /// Lines one by one can miss what lines together give away: solves them all, and hides one more cell beside each
    /// sensitive cell that can still be solved for (all of them at once: one solve per round).
    /// </summary>
    private bool HideBesideSolvableCell(HashSet<TableCell> suppressed, int k)
    {
        var hidAny = false;
        foreach (var cell in Solvable(suppressed).Where(c => Count(c) > 0 && Count(c) < k).ToList())
        {
            if (NearestPartner(cell, suppressed) is not { } partner) continue;
            suppressed.Add(partner);
            hidAny = true;
        }

        return hidAny;
    }

    /// <summary>
    /// A cell to hide beside <paramref name="cell"/>: in one of its lines if any has a published cell; otherwise in the
    /// lines of the hidden cells those lines reach, nearest first (when all of a cell's lines are hidden already, the
    /// equations that solve it run through its hidden neighbours).
    /// </summary>
    private TableCell? NearestPartner(TableCell cell, HashSet<TableCell> suppressed)
    {
        var seen = new HashSet<TableCell> { cell };
        var frontier = new Queue<TableCell>([cell]);
        while (frontier.TryDequeue(out var hidden))
        {
            foreach (var line in _lines.Where(l => l.Total.Equals(hidden) || l.Parts.Contains(hidden)))
            {
                if (PartnerIn(line, suppressed) is { } partner) return partner;
                foreach (var next in line.Parts.Append(line.Total).Where(c => suppressed.Contains(c) && seen.Add(c)))
                {
                    frontier.Enqueue(next);
                }
            }
        }

        return null;
    }

    /// <summary>The smallest published non-zero part of the line, else its total if published; null when only zeros show.</summary>
    private TableCell? PartnerIn((TableCell Total, List<TableCell> Parts) line, HashSet<TableCell> suppressed) =>
        line.Parts.Where(p => !suppressed.Contains(p) && Count(p) > 0).OrderBy(Count).ThenBy(p => p)
            .Select(p => (TableCell?)p).FirstOrDefault()
        ?? (suppressed.Contains(line.Total) ? null : line.Total);

    private IEnumerable<TableCell> Solvable(HashSet<TableCell> suppressed)
    {
        var hidden = suppressed.Order().ToList();
        var index = hidden.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        var equations = _lines.Select(l => (
            (IReadOnlyList<int>)l.Parts.Where(index.ContainsKey).Select(p => index[p]).ToList(),
            index.GetValueOrDefault(l.Total, -1)));
        return SuppressionAudit.Determined(hidden.Count, equations).Select(i => hidden[i]);
    }
}
