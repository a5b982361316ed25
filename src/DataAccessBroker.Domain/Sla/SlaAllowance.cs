using System.Globalization;
using System.Text.RegularExpressions;

namespace DataAccessBroker.Domain.Sla;

public enum SlaClockKind
{
    BusinessDays,
    CalendarDays,
    Elapsed,
}

/// <summary>How much time a body has: an amount on one of the clocks ("30 business days", "60 calendar days", "20 seconds").</summary>
public sealed partial record SlaAllowance(SlaClockKind Kind, TimeSpan Amount)
{
    public static SlaAllowance BusinessDays(double days) => new(SlaClockKind.BusinessDays, TimeSpan.FromDays(days));

    public static SlaAllowance CalendarDays(double days) => new(SlaClockKind.CalendarDays, TimeSpan.FromDays(days));

    public static SlaAllowance Elapsed(TimeSpan amount) => new(SlaClockKind.Elapsed, amount);

    public ISlaClock Clock => ClockFor(Kind);

    public static ISlaClock ClockFor(SlaClockKind kind) => kind switch
    {
        SlaClockKind.BusinessDays => WallClock.NorwegianBusinessDays,
        SlaClockKind.CalendarDays => WallClock.OsloCalendarDays,
        _ => ElapsedClock.Instance,
    };

    public static SlaAllowance Parse(string text)
    {
        var match = Pattern().Match(text.Trim());
        if (!match.Success)
        {
            throw new FormatException(
                $"'{text}' is not an SLA allowance; write e.g. '30 business days', '60 calendar days' or '20 seconds'");
        }

        var amount = double.Parse(match.Groups["amount"].Value, CultureInfo.InvariantCulture);
        return match.Groups["unit"].Value.ToLowerInvariant() switch
        {
            var u when u.StartsWith("business", StringComparison.Ordinal) => BusinessDays(amount),
            var u when u.StartsWith("calendar", StringComparison.Ordinal) || u.StartsWith("day", StringComparison.Ordinal) =>
                CalendarDays(amount),
            var u when u.StartsWith("hour", StringComparison.Ordinal) => Elapsed(TimeSpan.FromHours(amount)),
            var u when u.StartsWith("minute", StringComparison.Ordinal) => Elapsed(TimeSpan.FromMinutes(amount)),
            _ => Elapsed(TimeSpan.FromSeconds(amount)),
        };
    }

    public override string ToString() => Kind switch
    {
        SlaClockKind.BusinessDays => $"{Amount.TotalDays:0.##} business days",
        SlaClockKind.CalendarDays => $"{Amount.TotalDays:0.##} calendar days",
        _ => $"{Amount.TotalSeconds:0.###} seconds",
    };

    [GeneratedRegex(@"^(?<amount>\d+(\.\d+)?)\s*(?<unit>business\s+days?|calendar\s+days?|days?|hours?|minutes?|seconds?)$",
        RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
