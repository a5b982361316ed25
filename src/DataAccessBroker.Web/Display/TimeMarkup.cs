namespace DataAccessBroker.Web.Display;

/// <summary>
/// What the pages need of times beyond <see cref="Reporting.Times"/> (Europe/Oslo with its offset, shared with dab and
/// the report): the machine-readable <c>datetime</c> of a &lt;time&gt; element, and the contract's calendar dates.
/// </summary>
public static class TimeMarkup
{
    public static string Machine(Google.Protobuf.WellKnownTypes.Timestamp? time) => time is null ? "" : time.ToDateTimeOffset().ToString("O");

    /// <summary>A calendar date of the contract (a project period), empty while a draft leaves it unset.</summary>
    public static string Date(Google.Type.Date? date) =>
        date is { Year: > 0, Month: > 0, Day: > 0 } d ? $"{d.Year:D4}-{d.Month:D2}-{d.Day:D2}" : "";
}
