using System.Text;
using static DataAccessBroker.Reporting.Charts.ChartText;

namespace DataAccessBroker.Reporting.Charts;

/// <summary>One line of a line chart: a value per category, or null where there is none to draw.</summary>
public sealed record LineSeries(string Name, IReadOnlyList<double?> Values);

/// <summary>
/// Lines over categories (months) on one value axis. A missing value breaks its line rather than dropping to zero.
/// Categories still running (a month not over) are shaded and labelled "partial", their points drawn hollow.
/// </summary>
/// <param name="Missing">What a missing value means, for the data table (e.g. "suppressed").</param>
/// <param name="WholeNumbers">The values are counts: ticks at whole numbers only.</param>
public sealed record LineChart(
    string Id, string Title, string Description, string XTitle, string YTitle,
    IReadOnlyList<string> Categories, IReadOnlyList<LineSeries> Series, IReadOnlySet<int> Partial,
    string Missing, bool WholeNumbers) : IChart
{
    private const double Height = 300;

    public string Svg()
    {
        var svg = SvgChart.Begin(Id, Height, Title, Description);
        var (legend, legendHeight) = SvgChart.Legend(
            [.. Series.Select((s, i) => new LegendItem(s.Name, SeriesStyle.Of(i), LegendSample.LineWithPoints))], 60, 6);
        svg.Append(legend);
        var area = new PlotArea(60, 6 + legendHeight + 8, SvgChart.Width - 16, Height - 48);
        var band = area.Width / Math.Max(1, Categories.Count);
        var positions = Categories.Select((_, i) => area.Left + band * (i + 0.5)).ToList();

        foreach (var i in Partial.Where(i => i < Categories.Count))
        {
            svg.Append($"""<rect x="{At(area.Left + band * i)}" y="{At(area.Top)}" width="{At(band)}" height="{At(area.Height)}" fill="#ececec" />""");
            svg.Append($"""<text x="{At(positions[i])}" y="{At(area.Top + 12)}" text-anchor="middle" font-size="11">partial</text>""");
        }

        var yTicks = LinearScale.Ticks(Series.SelectMany(s => s.Values).Select(v => v ?? 0).DefaultIfEmpty(0).Max(), whole: WholeNumbers);
        var y = new LinearScale(yTicks[^1], area.Bottom, area.Top);
        SvgChart.VerticalAxis(svg, area, y, yTicks, Number, YTitle);
        SvgChart.CategoryAxis(svg, area, positions, Categories, XTitle);

        for (var s = 0; s < Series.Count; s++)
        {
            var style = SeriesStyle.Of(s);
            var path = new StringBuilder();
            var values = Series[s].Values;
            for (var i = 0; i < values.Count && i < Categories.Count; i++)
            {
                if (values[i] is not { } value) continue;
                path.Append(i > 0 && values[i - 1] is not null ? 'L' : 'M').Append($"{At(positions[i])} {At(y.Map(value))}");
            }

            svg.Append($"""<path d="{path}" {style.Stroke()} />""");
            for (var i = 0; i < values.Count && i < Categories.Count; i++)
            {
                if (values[i] is { } value) svg.Append(style.Point(positions[i], y.Map(value), hollow: Partial.Contains(i)));
            }
        }

        return SvgChart.End(svg);
    }

    public DataTable Data() => new(
        [XTitle, .. Series.Select(s => $"{s.Name} ({YTitle})")],
        [
            .. Categories.Select((category, i) => (IReadOnlyList<string>)
            [
                Partial.Contains(i) ? $"{category} (partial)" : category,
                .. Series.Select(s => i < s.Values.Count && s.Values[i] is { } v ? Number(v) : Missing),
            ]),
        ]);
}
