using System.Globalization;
using System.Net;

namespace DataAccessBroker.Reporting.Charts;

/// <summary>Text and numbers as they go into SVG and HTML: escaped, and in invariant culture whatever the machine's.</summary>
public static class ChartText
{
    /// <summary>Escapes for element content and attribute values alike (XML-safe, so the report stays well-formed).</summary>
    public static string Escape(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A coordinate: one decimal is finer than a pixel at any width the charts are drawn.</summary>
    public static string At(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>A figure as people read it: at most one decimal.</summary>
    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>A share 0–1 as a whole percentage.</summary>
    public static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + " %";

    /// <summary>A label cut to fit a column, its full text kept in the chart's data table.</summary>
    public static string Clip(string label, int characters) =>
        label.Length <= characters ? label : label[..Math.Max(1, characters - 1)] + "…";
}
