using System.Collections.Concurrent;

namespace DataAccessBroker.Domain.Sla;

/// <summary>
/// Norwegian public holidays (helligdager and 1 and 17 May). The Easter-based ones are computed, so any year works.
/// </summary>
public static class NorwegianHolidays
{
    private static readonly ConcurrentDictionary<int, HashSet<DateOnly>> ByYear = new();

    public static bool IsHoliday(DateOnly date) => ByYear.GetOrAdd(date.Year, For).Contains(date);

    public static HashSet<DateOnly> For(int year)
    {
        var easter = EasterSunday(year);
        return
        [
            new DateOnly(year, 1, 1),
            easter.AddDays(-3), // skjærtorsdag
            easter.AddDays(-2), // langfredag
            easter,
            easter.AddDays(1), // 2. påskedag
            new DateOnly(year, 5, 1),
            new DateOnly(year, 5, 17),
            easter.AddDays(39), // Kristi himmelfartsdag
            easter.AddDays(49), // 1. pinsedag
            easter.AddDays(50), // 2. pinsedag
            new DateOnly(year, 12, 25),
            new DateOnly(year, 12, 26),
        ];
    }

    /// <summary>Gregorian Easter Sunday by the anonymous (Meeus/Jones/Butcher) algorithm.</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = (19 * a + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + 2 * e + 2 * i - h - k) % 7;
        var m = (a + 11 * h + 22 * l) / 451;
        var month = (h + l - 7 * m + 114) / 31;
        var day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }
}
