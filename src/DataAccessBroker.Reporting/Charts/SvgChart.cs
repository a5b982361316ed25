using System.Text;
using static DataAccessBroker.Reporting.Charts.ChartText;

namespace DataAccessBroker.Reporting.Charts;

/// <summary>The rectangle the data are drawn in, inside the chart's margins for axes and legend.</summary>
public sealed record PlotArea(double Left, double Top, double Right, double Bottom)
{
    public double Width => Right - Left;
    public double Height => Bottom - Top;
}

/// <summary>A legend entry: a line sample (with its point, when the line has points) or a swatch for bars.</summary>
public sealed record LegendItem(string Name, SeriesStyle Style, LegendSample Sample, string? Fill = null);

public enum LegendSample
{
    Line,
    LineWithPoints,
    Swatch,
}

/// <summary>
/// What every chart shares: the svg element with its accessible name and description, axes with gridlines, units and
/// tick labels, and the legend. Every chart draws in a fixed coordinate system of <see cref="Width"/> units and scales
/// with its container through the viewBox, so one drawing serves a phone and a desktop.
/// </summary>
public static class SvgChart
{
    /// <summary>
    /// Narrow enough that text stays readable when a phone draws the chart 360 pixels wide (13 units → 10 px), wide
    /// enough for two years of months.
    /// </summary>
    public const double Width = 460;
    public const double FontSize = 13;

    /// <summary>The average advance of a character at <see cref="FontSize"/>: labels are laid out without measuring text.</summary>
    public const double CharacterWidth = 7.2;

    private const string Grid = "#d9d9d9";
    private const string Ink = "#333333";

    /// <summary>Opens the svg: role img, named by its title and described by its description, for screen readers.</summary>
    public static StringBuilder Begin(string id, double height, string title, string description) =>
        new($"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {At(Width)} {At(height)}" role="img" aria-labelledby="{id}-title" aria-describedby="{id}-desc" font-family="system-ui, sans-serif" font-size="{At(FontSize)}" fill="{Ink}"><title id="{id}-title">{Escape(title)}</title><desc id="{id}-desc">{Escape(description)}</desc>""");

    public static string End(StringBuilder svg) => svg.Append("</svg>").ToString();

    /// <summary>A value axis up the left side: a gridline and a label at every tick, the axis title turned upright.</summary>
    public static void VerticalAxis(StringBuilder svg, PlotArea area, LinearScale scale, IReadOnlyList<double> ticks,
        Func<double, string> format, string title)
    {
        foreach (var tick in ticks)
        {
            var y = At(scale.Map(tick));
            svg.Append($"""<line x1="{At(area.Left)}" x2="{At(area.Right)}" y1="{y}" y2="{y}" stroke="{Grid}" />""");
            svg.Append($"""<text x="{At(area.Left - 6)}" y="{y}" dy="0.32em" text-anchor="end">{Escape(format(tick))}</text>""");
        }

        svg.Append($"""<line x1="{At(area.Left)}" x2="{At(area.Left)}" y1="{At(area.Top)}" y2="{At(area.Bottom)}" stroke="{Ink}" />""");
        var middle = At(-(area.Top + area.Height / 2));
        svg.Append($"""<text transform="rotate(-90)" x="{middle}" y="14" text-anchor="middle">{Escape(title)}</text>""");
    }

    /// <summary>A value axis along the bottom: a gridline and a label at every tick, the axis title under it.</summary>
    public static void HorizontalAxis(StringBuilder svg, PlotArea area, LinearScale scale, IReadOnlyList<double> ticks,
        Func<double, string> format, string title)
    {
        foreach (var tick in ticks)
        {
            var x = At(scale.Map(tick));
            svg.Append($"""<line x1="{x}" x2="{x}" y1="{At(area.Top)}" y2="{At(area.Bottom)}" stroke="{Grid}" />""");
            svg.Append($"""<text x="{x}" y="{At(area.Bottom + 16)}" text-anchor="middle">{Escape(format(tick))}</text>""");
        }

        BottomLineAndTitle(svg, area, title);
    }

    /// <summary>Category labels along the bottom (months), thinned so that they never overlap.</summary>
    public static void CategoryAxis(StringBuilder svg, PlotArea area, IReadOnlyList<double> positions,
        IReadOnlyList<string> labels, string title)
    {
        var widest = labels.Select(l => l.Length).DefaultIfEmpty(1).Max() * CharacterWidth + 8;
        var every = Math.Max(1, (int)Math.Ceiling(widest * labels.Count / area.Width));
        for (var i = 0; i < labels.Count; i++)
        {
            var x = At(positions[i]);
            svg.Append($"""<line x1="{x}" x2="{x}" y1="{At(area.Bottom)}" y2="{At(area.Bottom + 4)}" stroke="{Ink}" />""");
            if ((labels.Count - 1 - i) % every == 0) // the last category (the latest month) always keeps its label
            {
                // Centred under its tick, but moved in rather than cut off at either edge of the drawing.
                var half = labels[i].Length * CharacterWidth / 2;
                var centre = Math.Clamp(positions[i], half + 2, Width - half - 2);
                svg.Append($"""<text x="{At(centre)}" y="{At(area.Bottom + 16)}" text-anchor="middle">{Escape(labels[i])}</text>""");
            }
        }

        BottomLineAndTitle(svg, area, title);
    }

    /// <summary>The legend, wrapped onto as many rows as the width needs; returns its markup and height.</summary>
    public static (string Markup, double Height) Legend(IReadOnlyList<LegendItem> items, double left, double top)
    {
        var legend = new StringBuilder();
        var (x, y) = (left, top);
        foreach (var item in items)
        {
            var width = 30 + item.Name.Length * CharacterWidth + 18;
            if (x + width > Width && x > left) (x, y) = (left, y + 20);
            if (item.Sample == LegendSample.Swatch)
            {
                legend.Append($"""<rect x="{At(x)}" y="{At(y + 3)}" width="22" height="12" fill="{item.Fill ?? item.Style.Colour}" stroke="{item.Style.Colour}" />""");
            }
            else
            {
                legend.Append($"""<line x1="{At(x)}" x2="{At(x + 24)}" y1="{At(y + 9)}" y2="{At(y + 9)}" {item.Style.Stroke()} />""");
                if (item.Sample == LegendSample.LineWithPoints) legend.Append(item.Style.Point(x + 12, y + 9, hollow: false));
            }

            legend.Append($"""<text x="{At(x + 30)}" y="{At(y + 9)}" dy="0.32em">{Escape(item.Name)}</text>""");
            x += width;
        }

        return (legend.ToString(), items.Count == 0 ? 0 : y - top + 24);
    }

    private static void BottomLineAndTitle(StringBuilder svg, PlotArea area, string title)
    {
        svg.Append($"""<line x1="{At(area.Left)}" x2="{At(area.Right)}" y1="{At(area.Bottom)}" y2="{At(area.Bottom)}" stroke="{Ink}" />""");
        svg.Append($"""<text x="{At(area.Left + area.Width / 2)}" y="{At(area.Bottom + 36)}" text-anchor="middle">{Escape(title)}</text>""");
    }
}
