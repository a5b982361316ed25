namespace DataAccessBroker.Domain.Sla;

/// <summary>
/// Counts local wall-clock time in a time zone on the days a predicate accepts: every day for calendar days,
/// weekdays that are not public holidays for business days. Each counted day is 24 wall-clock hours, so arithmetic
/// done here never moves a deadline by the hour that a daylight-saving change adds or removes.
/// </summary>
public sealed class WallClock(TimeZoneInfo zone, Func<DateOnly, bool> counts) : ISlaClock
{
    public static TimeZoneInfo Oslo { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    public static WallClock NorwegianBusinessDays { get; } = new(Oslo, IsNorwegianBusinessDay);

    public static WallClock OsloCalendarDays { get; } = new(Oslo, _ => true);

    /// <summary>The Europe/Oslo calendar day an instant falls on.</summary>
    public static DateOnly OsloDayOf(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Oslo).DateTime);

    /// <summary>The first day of the Europe/Oslo calendar month an instant falls in: the month statistics count it in.</summary>
    public static DateOnly OsloMonthOf(DateTimeOffset instant)
    {
        var day = OsloDayOf(instant);
        return new DateOnly(day.Year, day.Month, 1);
    }

    public static bool IsNorwegianBusinessDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !NorwegianHolidays.IsHoliday(date);

    public DateTimeOffset Advance(DateTimeOffset from, TimeSpan amount)
    {
        if (amount <= TimeSpan.Zero) return from;
        var local = Local(from);
        var remaining = amount;
        while (true)
        {
            var nextMidnight = local.Date.AddDays(1);
            if (counts(DateOnly.FromDateTime(local)))
            {
                var available = nextMidnight - local;
                if (remaining <= available) return Instant(local + remaining);
                remaining -= available;
            }

            local = nextMidnight;
        }
    }

    public TimeSpan Measure(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from) return TimeSpan.Zero;
        var local = Local(from);
        var end = Local(to);
        var total = TimeSpan.Zero;
        while (local < end)
        {
            var nextMidnight = local.Date.AddDays(1);
            var segmentEnd = end < nextMidnight ? end : nextMidnight;
            if (counts(DateOnly.FromDateTime(local))) total += segmentEnd - local;
            local = segmentEnd;
        }

        return total;
    }

    private DateTime Local(DateTimeOffset instant) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(instant, zone).DateTime, DateTimeKind.Unspecified);

    /// <summary>
    /// Local wall time back to an instant. A time inside the spring-forward gap does not exist and moves forward by
    /// the gap; an ambiguous autumn time takes its first (summer-time) occurrence.
    /// </summary>
    private DateTimeOffset Instant(DateTime local)
    {
        if (zone.IsInvalidTime(local)) local = local.AddHours(1);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
