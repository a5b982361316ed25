namespace DataAccessBroker.Reporting.Charts;

/// <summary>
/// How a series is told apart: a colour with at least 4.5:1 contrast on white, and a dash pattern and point shape as
/// well, so that a reader who cannot tell the colours apart (or prints in grey) still can.
/// </summary>
public sealed record SeriesStyle(string Colour, string Dash, PointShape Shape)
{
    private static readonly SeriesStyle[] Palette =
    [
        new("#1f5f99", "", PointShape.Circle),        // blue, solid
        new("#b34700", "7 4", PointShape.Square),     // dark orange, dashed
        new("#2e7d32", "2 3", PointShape.Triangle),   // green, dotted
        new("#6a3d9a", "9 3 2 3", PointShape.Diamond), // purple, dash-dot
    ];

    public static SeriesStyle Of(int index) => Palette[index % Palette.Length];

    /// <summary>The stroke attributes of a line in this style.</summary>
    public string Stroke(double width = 2) =>
        $"""stroke="{Colour}" stroke-width="{ChartText.At(width)}" fill="none"{(Dash.Length > 0 ? $" stroke-dasharray=\"{Dash}\"" : "")}""";

    /// <summary>A point of this style at (x, y); hollow for a figure that will still change.</summary>
    public string Point(double x, double y, bool hollow)
    {
        var fill = hollow ? "#ffffff" : Colour;
        var paint = $"""fill="{fill}" stroke="{Colour}" stroke-width="1.5" """;
        var (cx, cy) = (ChartText.At(x), ChartText.At(y));
        return Shape switch
        {
            PointShape.Square => $"""<rect x="{ChartText.At(x - 3.5)}" y="{ChartText.At(y - 3.5)}" width="7" height="7" {paint}/>""",
            PointShape.Triangle => $"""<path d="M{cx} {ChartText.At(y - 4.5)}L{ChartText.At(x + 4.5)} {ChartText.At(y + 3.5)}L{ChartText.At(x - 4.5)} {ChartText.At(y + 3.5)}Z" {paint}/>""",
            PointShape.Diamond => $"""<path d="M{cx} {ChartText.At(y - 5)}L{ChartText.At(x + 5)} {cy}L{cx} {ChartText.At(y + 5)}L{ChartText.At(x - 5)} {cy}Z" {paint}/>""",
            _ => $"""<circle cx="{cx}" cy="{cy}" r="4" {paint}/>""",
        };
    }
}

public enum PointShape
{
    Circle,
    Square,
    Triangle,
    Diamond,
}
