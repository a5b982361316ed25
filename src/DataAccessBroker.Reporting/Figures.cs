using System.Globalization;
using DataAccessBroker.Contracts.V1;

namespace DataAccessBroker.Reporting;

/// <summary>How figures read, the same in the terminal and in the report.</summary>
public static class Figures
{
    public const string Suppressed = "suppressed";

    public static string Days(double? value) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) : "–";

    public static string Percent(double? share) => share is { } s ? (s * 100).ToString("0", CultureInfo.InvariantCulture) + " %" : "–";

    public static string Group(Stage stage, string body) => body.Length == 0 ? $"{Terms.Stage(stage)} (all)" : $"{Terms.Stage(stage)} · {body}";

    public static string Month(Google.Type.Date month) => $"{month.Year:D4}-{month.Month:D2}";

    public static string Bar(double value, double max, int width = 30) =>
        max <= 0 ? "" : new string('█', (int)Math.Round(value / max * width));
}
