namespace DataAccessBroker.Domain.Statistics;

/// <summary>
/// What an attacker can solve for: each line of a table is an equation (its parts add up to its total) in the cells
/// that are hidden, the published ones being known numbers. A hidden cell is determined when its unit vector lies in
/// the span of those equations (Gaussian elimination over the hidden cells), however the lines are combined.
/// </summary>
internal static class SuppressionAudit
{
    private const double Epsilon = 1e-9;

    /// <param name="lines">Each line as the indexes of its hidden parts and of its hidden total (or -1).</param>
    /// <returns>The indexes of the hidden cells the equations determine.</returns>
    public static IEnumerable<int> Determined(int hiddenCount, IEnumerable<(IReadOnlyList<int> Parts, int Total)> lines)
    {
        var equations = new List<double[]>();
        foreach (var (parts, total) in lines)
        {
            var equation = new double[hiddenCount];
            foreach (var part in parts) equation[part] += 1;
            if (total >= 0) equation[total] -= 1;
            if (equation.Any(v => v != 0)) equations.Add(equation);
        }

        var reduced = Reduce(equations, hiddenCount);
        return Enumerable.Range(0, hiddenCount).Where(i => IsCombination(reduced, i, hiddenCount));
    }

    /// <summary>Reduced row echelon form: each row's first non-zero is 1 and the only non-zero of its column.</summary>
    private static List<double[]> Reduce(List<double[]> rows, int width)
    {
        var pivots = 0;
        for (var column = 0; column < width && pivots < rows.Count; column++)
        {
            var pivot = rows.FindIndex(pivots, r => Math.Abs(r[column]) > Epsilon);
            if (pivot < 0) continue;
            (rows[pivots], rows[pivot]) = (rows[pivot], rows[pivots]);
            var lead = rows[pivots][column];
            for (var j = 0; j < width; j++) rows[pivots][j] /= lead;
            for (var i = 0; i < rows.Count; i++)
            {
                var factor = rows[i][column];
                if (i == pivots || Math.Abs(factor) < Epsilon) continue;
                for (var j = 0; j < width; j++) rows[i][j] -= factor * rows[pivots][j];
            }

            pivots++;
        }

        return rows.Take(pivots).ToList();
    }

    /// <summary>
    /// Whether the unit vector of <paramref name="unknown"/> is a combination of the rows. In reduced row echelon form
    /// a vector's coefficients are its values in the pivot columns, so the unit vector is in the span exactly when
    /// the row whose pivot is that unknown has no other non-zero entry.
    /// </summary>
    private static bool IsCombination(List<double[]> reduced, int unknown, int width)
    {
        var row = reduced.Find(r => Array.FindIndex(r, v => Math.Abs(v) > Epsilon) == unknown);
        if (row is null) return false;
        for (var j = 0; j < width; j++)
        {
            if (j != unknown && Math.Abs(row[j]) > Epsilon) return false;
        }

        return true;
    }
}
