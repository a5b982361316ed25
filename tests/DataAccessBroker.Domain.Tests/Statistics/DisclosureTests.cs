using DataAccessBroker.Domain.Statistics;
using Cell = DataAccessBroker.Domain.Statistics.TableCell;

namespace DataAccessBroker.Domain.Tests.Statistics;

/// <summary>
/// No combination of the published cells of a table determines a suppressed one: checked as an attacker would, by
/// solving every line equation (part + part + … = total) for the unknown cells, over many random tables.
/// </summary>
public sealed class DisclosureTests
{
    [Fact]
    public void One_small_cell_in_a_line_takes_the_next_smallest_with_it()
    {
        var table = new Dictionary<(string, string), long> { [("npr", "research")] = 40, [("msis", "research")] = 2, [("kpr", "research")] = 9 };

        var suppressed = Disclosure.Suppressed(table, 5);

        Assert.Contains(Cell.Inner("msis", "research"), suppressed);
        Assert.Contains(Cell.Inner("kpr", "research"), suppressed);
        Assert.DoesNotContain(Cell.Inner("npr", "research"), suppressed);
        Assert.DoesNotContain(Cell.ColumnTotal("research"), suppressed);
    }

    [Fact]
    public void A_threshold_below_the_minimum_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Disclosure.Suppressed(new Dictionary<(string, string), long>(), 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => Disclosure.Suppressed(new Dictionary<(string, string), long>(), -1));
    }

    /// <summary>Sensitive cells (fewer than k cases) must stay unknown; a hidden partner of k or more may be solved for.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void No_suppressed_cell_of_a_random_table_can_be_solved_for_and_a_higher_threshold_hides_more(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 300; round++)
        {
            var rows = Enumerable.Range(0, random.Next(1, 7)).Select(i => $"body{i}").ToList();
            var columns = Enumerable.Range(0, random.Next(1, 5)).Select(i => $"purpose{i}").ToList();
            var table = rows.SelectMany(r => columns.Select(c => (r, c)))
                .ToDictionary(key => key, _ => (long)(random.Next(4) switch { 0 => 0, 1 => random.Next(1, 5), 2 => random.Next(5, 12), _ => random.Next(12, 60) }));

            var atMinimum = Disclosure.Suppressed(table, 5);
            var atTen = Disclosure.Suppressed(table, 10);

            foreach (var (k, suppressed) in new[] { (5, atMinimum), (10, atTen) })
            {
                var counts = Counts(table, rows, columns);
                Assert.All(counts.Where(c => c.Value is > 0 && c.Value < k), c => Assert.Contains(c.Key, suppressed));
                var solved = Solvable(counts, Lines(rows, columns), suppressed).Where(c => counts[c] < k).ToList();
                Assert.True(solved.Count == 0,
                    $"round {round}, k {k}: {string.Join(", ", solved.Select(c => $"{c} = {counts[c]}"))} can be solved for");
            }

            Assert.Superset(atMinimum.ToHashSet(), atTen.ToHashSet());
        }
    }

    /// <summary>
    /// The table answers are slices of: bodies by purposes by quarters, with every margin. No line or combination of
    /// lines across the three dimensions solves a sensitive cell.
    /// </summary>
    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void No_suppressed_cell_of_a_random_three_way_table_can_be_solved_for(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 60; round++)
        {
            var dimensions = new[] { random.Next(1, 6), random.Next(1, 4), random.Next(1, 5) }
                .Select((size, d) => Enumerable.Range(0, size).Select(i => $"{"bpq"[d]}{i}").ToList()).ToList();
            var inner = (from r in dimensions[0] from c in dimensions[1] from l in dimensions[2] select new Cell(r, c, l))
                .ToDictionary(cell => cell, _ => (long)(random.Next(4) switch { 0 => 0, 1 => random.Next(1, 5), 2 => random.Next(5, 12), _ => random.Next(12, 60) }));

            var suppressed = Disclosure.Suppressed(inner, 5);

            var counts = new Dictionary<Cell, long>();
            foreach (var (cell, count) in inner)
            {
                foreach (var margin in Margins(cell)) counts[margin] = counts.GetValueOrDefault(margin) + count;
            }

            Assert.All(counts.Where(c => c.Value is > 0 and < 5), c => Assert.Contains(c.Key, suppressed));
            var lines = counts.Keys.SelectMany(total => Enumerable.Range(0, 3).Where(d => Coordinate(total, d) is null)
                .Select(d => (total, dimensions[d].Select(v => With(total, d, v)).ToList()))).ToList();
            var solved = Solvable(counts, lines, suppressed).Where(c => counts[c] < 5).ToList();
            Assert.True(solved.Count == 0, $"round {round}: {string.Join(", ", solved.Select(c => $"{c} = {counts[c]}"))} can be solved for");
        }
    }

    private static IEnumerable<Cell> Margins(Cell cell) =>
        from r in new[] { cell.Row, null } from c in new[] { cell.Column, null } from l in new[] { cell.Layer, null }
        select new Cell(r, c, l);

    private static string? Coordinate(Cell cell, int dimension) => dimension switch { 0 => cell.Row, 1 => cell.Column, _ => cell.Layer };

    private static Cell With(Cell cell, int dimension, string value) => dimension switch
    {
        0 => cell with { Row = value },
        1 => cell with { Column = value },
        _ => cell with { Layer = value },
    };

    private static Dictionary<Cell, long> Counts(Dictionary<(string, string), long> table, List<string> rows, List<string> columns)
    {
        var counts = table.ToDictionary(t => Cell.Inner(t.Key.Item1, t.Key.Item2), t => t.Value);
        foreach (var r in rows) counts[Cell.RowTotal(r)] = columns.Sum(c => table[(r, c)]);
        foreach (var c in columns) counts[Cell.ColumnTotal(c)] = rows.Sum(r => table[(r, c)]);
        counts[Cell.GrandTotal] = table.Values.Sum();
        return counts;
    }

    private static List<(Cell Total, List<Cell> Parts)> Lines(List<string> rows, List<string> columns) =>
    [
        .. rows.Select(r => (Cell.RowTotal(r), columns.Select(c => Cell.Inner(r, c)).ToList())),
        .. columns.Select(c => (Cell.ColumnTotal(c), rows.Select(r => Cell.Inner(r, c)).ToList())),
        (Cell.GrandTotal, rows.Select(Cell.RowTotal).ToList()),
        (Cell.GrandTotal, columns.Select(Cell.ColumnTotal).ToList()),
    ];

    /// <summary>
    /// An attacker's solver, written apart from the broker's own (SuppressionAudit) so that one mistake cannot hide in
    /// both. The suppressed non-zero cells that the published ones determine: each line is an equation (parts − total = 0)
    /// in the hidden cells; a hidden cell is determined when its unit vector lies in the span of the equations.
    /// </summary>
    private static List<Cell> Solvable(Dictionary<Cell, long> counts, List<(Cell Total, List<Cell> Parts)> lines, IReadOnlySet<Cell> hidden)
    {
        var unknowns = hidden.Where(counts.ContainsKey).ToList();
        var index = unknowns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        var equations = new List<double[]>();
        foreach (var (total, parts) in lines)
        {
            var row = new double[unknowns.Count];
            foreach (var part in parts.Where(index.ContainsKey)) row[index[part]] += 1;
            if (index.TryGetValue(total, out var t)) row[t] -= 1;
            if (row.Any(v => v != 0)) equations.Add(row);
        }

        var reduced = RowEchelon(equations, unknowns.Count);
        return unknowns.Where((cell, i) => counts[cell] > 0 && InSpan(reduced, i, unknowns.Count)).ToList();
    }

    private static List<double[]> RowEchelon(List<double[]> rows, int width)
    {
        var m = rows.Select(r => (double[])r.Clone()).ToList();
        var pivotRow = 0;
        for (var col = 0; col < width && pivotRow < m.Count; col++)
        {
            var pivot = m.Skip(pivotRow).Select((r, i) => (r, i: i + pivotRow)).FirstOrDefault(x => Math.Abs(x.r[col]) > 1e-9);
            if (pivot.r is null) continue;
            (m[pivotRow], m[pivot.i]) = (m[pivot.i], m[pivotRow]);
            var p = m[pivotRow][col];
            for (var j = 0; j < width; j++) m[pivotRow][j] /= p;
            for (var i = 0; i < m.Count; i++)
            {
                if (i == pivotRow || Math.Abs(m[i][col]) < 1e-9) continue;
                var f = m[i][col];
                for (var j = 0; j < width; j++) m[i][j] -= f * m[pivotRow][j];
            }

            pivotRow++;
        }

        return m.Take(pivotRow).ToList();
    }

    /// <summary>Whether the unit vector of unknown <paramref name="i"/> is a combination of the reduced equations.</summary>
    private static bool InSpan(List<double[]> reduced, int i, int width)
    {
        var target = new double[width];
        target[i] = 1;
        foreach (var row in reduced)
        {
            var lead = Array.FindIndex(row, v => Math.Abs(v) > 1e-9);
            if (Math.Abs(target[lead]) < 1e-9) continue;
            var f = target[lead];
            for (var j = 0; j < width; j++) target[j] -= f * row[j];
        }

        return target.All(v => Math.Abs(v) < 1e-9);
    }
}
