using System.Text;
using static DataAccessBroker.Reporting.Charts.ChartText;

namespace DataAccessBroker.Reporting.Charts;

/// <summary>A curve that holds its value until the next step, e.g. a Kaplan–Meier survival curve.</summary>
/// <param name="Steps">From the first point on: after X, the share is Y (0–1), until the next step.</param>
public sealed record StepSeries(string Name, IReadOnlyList<(double X, double Y)> Steps);

/// <summary>A vertical dashed line at X with its label, e.g. an SLA allowance.</summary>
public sealed record VerticalMarker(double X, string Label);

/// <summary>
/// Step lines of shares (0–100 %) against a numeric x axis, with vertical markers. Each line ends at its last step:
/// what a curve does after its last event is not known, and the chart does not guess it.
/// </summary>
public sealed record StepChart(
    string Id, string Title, string Description, string XTitle, string YTitle,
    IReadOnlyList<StepSeries> Series, IReadOnlyList<VerticalMarker> Markers) : IChart
{
    private const double Height = 320;
    private const string MarkerColour = "#8b1a1a";
    private const double RowHeight = 16;

    /// <summary>Labels wider than half the chart break before their parenthesis: "SLA 64 bd" / "(a peer's assessment)".</summary>
    private static List<string> LabelLines(string label)
    {
        var split = label.IndexOf(" (", StringComparison.Ordinal);
        return label.Length * SvgChart.CharacterWidth > SvgChart.Width / 2 && split > 0 ? [label[..split], label[(split + 1)..]] : [label];
    }

    public string Svg()
    {
        var svg = SvgChart.Begin(Id, Height, Title, Description);
        var (legend, legendHeight) = SvgChart.Legend(
            [.. Series.Select((s, i) => new LegendItem(s.Name, SeriesStyle.Of(i), LegendSample.Line))], 60, 6);
        svg.Append(legend);
        var labels = Markers.Select(m => LabelLines(m.Label)).ToList();
        var rows = labels.Sum(l => l.Count);
        var area = new PlotArea(60, 6 + legendHeight + rows * RowHeight + 4, SvgChart.Width - 16, Height - 48);

        var xTicks = LinearScale.Ticks(
            Series.SelectMany(s => s.Steps.Select(p => p.X)).Concat(Markers.Select(m => m.X)).DefaultIfEmpty(1).Max() * 1.05);
        var x = new LinearScale(xTicks[^1], area.Left, area.Right);
        var y = new LinearScale(1, area.Bottom, area.Top);
        SvgChart.VerticalAxis(svg, area, y, [0, 0.25, 0.5, 0.75, 1], Percent, YTitle);
        SvgChart.HorizontalAxis(svg, area, x, xTicks, Number, XTitle);

        for (var i = 0; i < Series.Count; i++)
        {
            var steps = Series[i].Steps;
            if (steps.Count == 0) continue;
            var path = new StringBuilder($"M{At(x.Map(steps[0].X))} {At(y.Map(steps[0].Y))}");
            foreach (var (stepX, stepY) in steps.Skip(1)) path.Append($"H{At(x.Map(stepX))}V{At(y.Map(stepY))}");
            svg.Append($"""<path d="{path}" {SeriesStyle.Of(i).Stroke(2.5)} />""");
        }

        // Each marker's label on rows of its own above the plot, starting (or, right of the middle, ending) at its line:
        // the lines stay inside the plot, so no line runs through another marker's label.
        var row = 0;
        for (var i = 0; i < Markers.Count; i++)
        {
            var markerX = x.Map(Markers[i].X);
            svg.Append($"""<line x1="{At(markerX)}" x2="{At(markerX)}" y1="{At(area.Top)}" y2="{At(area.Bottom)}" stroke="{MarkerColour}" stroke-width="1.5" stroke-dasharray="5 4" />""");
            var width = labels[i].Max(l => l.Length) * SvgChart.CharacterWidth;
            var (labelX, anchor) =
                markerX + width <= SvgChart.Width - 2 && (markerX <= area.Left + area.Width / 2 || markerX - width < 2) ? (markerX, "start")
                : markerX - width >= 2 ? (markerX, "end")
                : (Math.Max(2, SvgChart.Width - 2 - width), "start"); // fits neither side: moved in, never cut off
            foreach (var line in labels[i])
            {
                var labelY = area.Top - 6 - (rows - 1 - row++) * RowHeight;
                svg.Append($"""<text x="{At(labelX)}" y="{At(labelY)}" text-anchor="{anchor}" fill="{MarkerColour}">{Escape(line)}</text>""");
            }
        }

        return SvgChart.End(svg);
    }

    public DataTable Data() => new(
        ["Curve", XTitle, YTitle],
        [
            .. Series.SelectMany(s => s.Steps.Select(p => (IReadOnlyList<string>)[s.Name, Number(p.X), Percent(p.Y)])),
            .. Markers.Select(m => (IReadOnlyList<string>)[m.Label, Number(m.X), ""]),
        ]);
}
