namespace DataAccessBroker.Reporting.Charts;

/// <summary>
/// Where the parts of a horizontal bar chart go: a column of labels on the left, the bars, room on the right for the
/// text written after each bar, and the value axis at the bottom.
/// </summary>
internal sealed record HorizontalBarLayout(PlotArea Area, double Height, int LabelCharacters, double RowHeight)
{
    private const double Row = 26;

    public static HorizontalBarLayout For(IReadOnlyList<string> labels, IReadOnlyList<string> trailing, double top)
    {
        var labelCharacters = Math.Min(26, labels.Select(l => l.Length).DefaultIfEmpty(4).Max());
        var left = labelCharacters * SvgChart.CharacterWidth + 14;
        var right = SvgChart.Width - Math.Max(24, trailing.Select(t => t.Length).DefaultIfEmpty(0).Max() * SvgChart.CharacterWidth + 10);
        var bottom = top + Math.Max(1, labels.Count) * Row;
        return new HorizontalBarLayout(new PlotArea(left, top, right, bottom), bottom + 48, labelCharacters, Row);
    }

    /// <summary>The vertical middle of row <paramref name="index"/>.</summary>
    public double Middle(int index) => Area.Top + RowHeight * (index + 0.5);
}
