namespace DataAccessBroker.Reporting.Charts;

/// <summary>Maps values from 0..<see cref="Max"/> onto drawing coordinates <see cref="From"/>..<see cref="To"/>.</summary>
public sealed record LinearScale(double Max, double From, double To)
{
    public double Map(double value) => From + value / Max * (To - From);

    /// <summary>
    /// Round ticks from 0 to at least <paramref name="max"/>, about <paramref name="count"/> of them, each step 1, 2 or
    /// 5 times a power of ten, so that gridlines fall on numbers people read at a glance. Counts of applications or
    /// tasks ask for <paramref name="whole"/> steps: a tick at 0.5 applications means nothing.
    /// </summary>
    public static IReadOnlyList<double> Ticks(double max, int count = 5, bool whole = false)
    {
        if (max <= 0 || double.IsNaN(max)) max = 1;
        var raw = max / count;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = (raw / magnitude) switch { <= 1 => 1, <= 2 => 2, <= 5 => 5, _ => 10 } * magnitude;
        if (whole) step = Math.Max(1, Math.Round(step));
        var ticks = new List<double>();
        for (var i = 0; ; i++)
        {
            var tick = Math.Round(i * step, 10);
            ticks.Add(tick);
            if (tick >= max - 1e-9) return ticks;
        }
    }
}
