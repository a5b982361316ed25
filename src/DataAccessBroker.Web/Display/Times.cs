using Google.Protobuf.WellKnownTypes;

namespace DataAccessBroker.Web.Display;

/// <summary>
/// Times as people read them: Europe/Oslo, the business calendar's zone, with the UTC offset so that a time is never
/// ambiguous; and a machine-readable <c>datetime</c> for the &lt;time&gt; element.
/// </summary>
public static class Times
{
    private static readonly TimeZoneInfo Oslo = FindOslo();

    public static string Format(Timestamp? time) =>
        time is null ? "" : TimeZoneInfo.ConvertTime(time.ToDateTimeOffset(), Oslo).ToString("yyyy-MM-dd HH:mm zzz");

    public static string Date(Timestamp? time) =>
        time is null ? "" : TimeZoneInfo.ConvertTime(time.ToDateTimeOffset(), Oslo).ToString("yyyy-MM-dd");

    /// <summary>A calendar date of the contract (a project period), empty while a draft leaves it unset.</summary>
    public static string Date(Google.Type.Date? date) =>
        date is { Year: > 0, Month: > 0, Day: > 0 } d ? $"{d.Year:D4}-{d.Month:D2}-{d.Day:D2}" : "";

    public static string Machine(Timestamp? time) => time is null ? "" : time.ToDateTimeOffset().ToString("O");

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
