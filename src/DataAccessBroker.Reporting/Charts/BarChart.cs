using static DataAccessBroker.Reporting.Charts.ChartText;

namespace DataAccessBroker.Reporting.Charts;

/// <summary>
/// One bar: its label and value, and the text written after it; without a value (a suppressed group, a stage with
/// nothing completed) the text stands in the bar's place and says why.
/// </summary>
public sealed record Bar(string Label, double? Value, string Text);

/// <summary>
/// Horizontal bars on one value axis. A bar without a value (a suppressed group) is not drawn as zero: its row says
/// why in words instead.
/// </summary>
public sealed record BarChart(
    string Id, string Title, string Description, string CategoryTitle, string ValueTitle,
    IReadOnlyList<Bar> Bars, bool WholeNumbers) : IChart
{
    public string Svg()
    {
        var layout = HorizontalBarLayout.For([.. Bars.Select(b => b.Label)], [.. Bars.Select(Trailing)], 8);
        var area = layout.Area;
        var svg = SvgChart.Begin(Id, layout.Height, Title, Description);
        var ticks = LinearScale.Ticks(Bars.Select(b => b.Value ?? 0).DefaultIfEmpty(0).Max(), whole: WholeNumbers);
        var x = new LinearScale(ticks[^1], area.Left, area.Right);
        SvgChart.HorizontalAxis(svg, area, x, ticks, Number, ValueTitle);
        var style = SeriesStyle.Of(0);
        for (var i = 0; i < Bars.Count; i++)
        {
            var middle = layout.Middle(i);
            svg.Append($"""<text x="{At(area.Left - 6)}" y="{At(middle)}" dy="0.32em" text-anchor="end">{Escape(Clip(Bars[i].Label, layout.LabelCharacters))}</text>""");
            if (Bars[i].Value is { } value)
            {
                var end = x.Map(value);
                svg.Append($"""<rect x="{At(area.Left)}" y="{At(middle - 8)}" width="{At(end - area.Left)}" height="16" fill="{style.Colour}" />""");
                svg.Append($"""<text x="{At(end + 5)}" y="{At(middle)}" dy="0.32em">{Escape(Bars[i].Text)}</text>""");
            }
            else
            {
                svg.Append($"""<text x="{At(area.Left + 5)}" y="{At(middle)}" dy="0.32em" font-style="italic" fill="#555555">{Escape(Bars[i].Text)}</text>""");
            }
        }

        return SvgChart.End(svg);
    }

    public DataTable Data() => new(
        [CategoryTitle, ValueTitle, ""],
        [.. Bars.Select(b => (IReadOnlyList<string>)[b.Label, b.Value is { } v ? Number(v) : "", b.Text])]);

    private static string Trailing(Bar bar) => bar.Value is null ? "" : bar.Text;
}
