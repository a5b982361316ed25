using Google.Protobuf.WellKnownTypes;

namespace DataAccessBroker.Reporting;

/// <summary>
/// The one convention for times people read, in dab, the report and the portal: Europe/Oslo, the broker's business
/// calendar's zone, always with its UTC offset (<c>2026-11-24 14:05 +01:00</c>), so that a time is never ambiguous, in
/// summer or in a log read abroad. (dab --json keeps the API's UTC timestamps.)
/// </summary>
public static class Times
{
    private static readonly TimeZoneInfo Oslo = FindOslo();

    public static string Format(Timestamp? time) => time is null ? "" : Format(time.ToDateTimeOffset());

    public static string Format(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, Oslo).ToString("yyyy-MM-dd HH:mm zzz");

    /// <summary>A machine without time zone data shows UTC, still labelled by its offset (+00:00).</summary>
    private static TimeZoneInfo FindOslo()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
