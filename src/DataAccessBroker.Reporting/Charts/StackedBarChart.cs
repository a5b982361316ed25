using System.Text;
using static DataAccessBroker.Reporting.Charts.ChartText;

namespace DataAccessBroker.Reporting.Charts;

/// <summary>One stacked bar: its label and its segments in the chart's order; or no segments, and why not.</summary>
public sealed record StackedBar(string Label, IReadOnlyList<double>? Segments, string WhyNone = "");

/// <summary>
/// Horizontal bars made of segments laid end to end (e.g. a stage's time at the body, then its time waiting on the
/// applicant). Segments after the first are hatched as well as coloured, and each bar's figures are written after
/// it, so the parts can be told apart without colour. A bar without figures is named, not drawn as zero.
/// </summary>
public sealed record StackedBarChart(
    string Id, string Title, string Description, string CategoryTitle, string ValueTitle,
    IReadOnlyList<string> SegmentNames, IReadOnlyList<StackedBar> Bars, string Unit) : IChart
{
    public string Svg()
    {
        var legendItems = SegmentNames.Select((name, i) => new LegendItem(name, SeriesStyle.Of(i), LegendSample.Swatch, Fill(i))).ToList();
        var (legend, legendHeight) = SvgChart.Legend(legendItems, 8, 6);
        var layout = HorizontalBarLayout.For([.. Bars.Select(b => b.Label)], [.. Bars.Select(Trailing)], 6 + legendHeight + 4);
        var area = layout.Area;
        var svg = SvgChart.Begin(Id, layout.Height, Title, Description);
        svg.Append("<defs>");
        for (var i = 1; i < SegmentNames.Count; i++)
        {
            svg.Append($"""<pattern id="{Id}-hatch-{i}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff" /><rect width="3" height="6" fill="{SeriesStyle.Of(i).Colour}" /></pattern>""");
        }

        svg.Append("</defs>").Append(legend);
        var ticks = LinearScale.Ticks(Bars.Select(b => b.Segments?.Sum() ?? 0).DefaultIfEmpty(0).Max());
        var x = new LinearScale(ticks[^1], area.Left, area.Right);
        SvgChart.HorizontalAxis(svg, area, x, ticks, Number, ValueTitle);
        for (var i = 0; i < Bars.Count; i++)
        {
            var middle = layout.Middle(i);
            svg.Append($"""<text x="{At(area.Left - 6)}" y="{At(middle)}" dy="0.32em" text-anchor="end">{Escape(Clip(Bars[i].Label, layout.LabelCharacters))}</text>""");
            if (Bars[i].Segments is not { } segments)
            {
                svg.Append($"""<text x="{At(area.Left + 5)}" y="{At(middle)}" dy="0.32em" font-style="italic" fill="#555555">{Escape(Bars[i].WhyNone)}</text>""");
                continue;
            }

            var start = 0.0;
            for (var s = 0; s < segments.Count; s++)
            {
                var (from, to) = (x.Map(start), x.Map(start + segments[s]));
                svg.Append($"""<rect x="{At(from)}" y="{At(middle - 8)}" width="{At(to - from)}" height="16" fill="{Fill(s)}" stroke="{SeriesStyle.Of(s).Colour}" stroke-width="0.75" />""");
                start += segments[s];
            }

            svg.Append($"""<text x="{At(x.Map(start) + 5)}" y="{At(middle)}" dy="0.32em">{Escape(Trailing(Bars[i]))}</text>""");
        }

        return SvgChart.End(svg);
    }

    public DataTable Data() => new(
        [CategoryTitle, .. SegmentNames.Select(n => $"{n} ({ValueTitle})"), $"Total ({ValueTitle})"],
        [
            .. Bars.Select(b => (IReadOnlyList<string>)(b.Segments is { } segments
                ? [b.Label, .. segments.Select(Number), Number(segments.Sum())]
                : [b.Label, .. SegmentNames.Select(_ => b.WhyNone), b.WhyNone])),
        ]);

    private string Fill(int segment) => segment == 0 ? SeriesStyle.Of(0).Colour : $"url(#{Id}-hatch-{segment})";

    /// <summary>"12.3 + 4.1 bd": the segments' figures in the legend's order.</summary>
    private string Trailing(StackedBar bar) =>
        bar.Segments is { } segments ? $"{string.Join(" + ", segments.Select(Number))} {Unit}" : "";
}
