using DataAccessBroker.Domain.Sla;

namespace DataAccessBroker.Domain.Tests.Sla;

public sealed class BusinessCalendarTests
{
    private static readonly WallClock Business = WallClock.NorwegianBusinessDays;

    [Theory]
    [InlineData(2008, 3, 23)] // early
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)] // the latest date Easter can fall on
    [InlineData(2285, 3, 22)] // the earliest
    public void Easter_is_computed_for_any_year(int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), NorwegianHolidays.EasterSunday(year));
    }

    [Fact]
    public void The_holidays_of_2026_are_the_Norwegian_ones()
    {
        Assert.Equal(
        [
            new(2026, 1, 1), new(2026, 4, 2), new(2026, 4, 3), new(2026, 4, 5), new(2026, 4, 6), new(2026, 5, 1),
            new(2026, 5, 14), new(2026, 5, 17), new(2026, 5, 24), new(2026, 5, 25), new(2026, 12, 25), new(2026, 12, 26),
        ], NorwegianHolidays.For(2026).Order());
    }

    [Theory]
    [InlineData("2026-04-02", false)] // Maundy Thursday
    [InlineData("2026-04-06", false)] // Easter Monday
    [InlineData("2026-04-07", true)]
    [InlineData("2026-05-14", false)] // Ascension Day
    [InlineData("2027-05-17", false)] // Constitution Day on a Monday
    [InlineData("2026-05-25", false)] // Whit Monday
    [InlineData("2026-11-21", false)] // Saturday
    [InlineData("2026-11-23", true)]
    [InlineData("2026-12-24", true)]  // Christmas Eve is a working day by law
    public void Business_days_skip_weekends_and_public_holidays(string date, bool expected)
    {
        Assert.Equal(expected, WallClock.IsNorwegianBusinessDay(DateOnly.Parse(date)));
    }

    [Fact]
    public void One_business_day_from_the_day_before_Easter_lands_after_Easter_Monday()
    {
        var wednesday = Oslo(2026, 4, 1, 9, 0);

        Assert.Equal(Oslo(2026, 4, 7, 9, 0), Business.Advance(wednesday, TimeSpan.FromDays(1)));
    }

    [Fact]
    public void Counting_starts_at_the_next_business_day_when_opened_on_a_weekend()
    {
        var saturday = Oslo(2026, 11, 21, 14, 0);

        Assert.Equal(Oslo(2026, 11, 24, 0, 0), Business.Advance(saturday, TimeSpan.FromDays(1)));
    }

    [Fact]
    public void Thirty_business_days_over_Christmas_skip_both_holidays_and_New_Year()
    {
        var opened = Oslo(2026, 12, 14, 10, 0);

        // 14 Dec + 30 business days, skipping 25 Dec (26th is a Saturday anyway) and 1 Jan: 27 Jan 2027.
        Assert.Equal(Oslo(2027, 1, 27, 10, 0), Business.Advance(opened, TimeSpan.FromDays(30)));
    }

    [Fact]
    public void A_deadline_keeps_its_local_time_across_the_spring_daylight_saving_change()
    {
        var thursday = Oslo(2026, 3, 26, 10, 0); // CET, UTC+1

        var due = Business.Advance(thursday, TimeSpan.FromDays(2)); // over the weekend of 29 March

        Assert.Equal(Oslo(2026, 3, 30, 10, 0), due);
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 8, 0, 0, TimeSpan.Zero), due); // CEST, UTC+2
    }

    [Fact]
    public void A_deadline_keeps_its_local_time_across_the_autumn_daylight_saving_change()
    {
        var friday = Oslo(2026, 10, 23, 10, 0); // CEST

        var due = Business.Advance(friday, TimeSpan.FromDays(2));

        Assert.Equal(new DateTimeOffset(2026, 10, 27, 9, 0, 0, TimeSpan.Zero), due); // Tuesday 10:00 CET
    }

    [Fact]
    public void A_calendar_day_over_the_spring_change_is_23_real_hours()
    {
        var saturdayNoon = Oslo(2026, 3, 28, 12, 0);

        var due = WallClock.OsloCalendarDays.Advance(saturdayNoon, TimeSpan.FromDays(1));

        Assert.Equal(Oslo(2026, 3, 29, 12, 0), due);
        Assert.Equal(TimeSpan.FromHours(23), due - saturdayNoon);
    }

    [Fact]
    public void Measuring_undoes_advancing()
    {
        var start = Oslo(2026, 3, 20, 13, 30);
        foreach (var days in new[] { 0.5, 1, 3.75, 10, 22.5, 45, 60 })
        {
            var amount = TimeSpan.FromDays(days);
            Assert.Equal(amount, Business.Measure(start, Business.Advance(start, amount)));
        }
    }

    [Fact]
    public void The_reminder_at_75_percent_of_four_business_days_falls_after_three()
    {
        var monday = Oslo(2026, 11, 23, 9, 0);

        Assert.Equal(Oslo(2026, 11, 26, 9, 0), Business.Advance(monday, TimeSpan.FromDays(4) * 0.75));
    }

    [Fact]
    public void Ordinals_differ_by_the_business_days_between_skipping_the_Easter_holidays()
    {
        var wednesdayApril8 = new DateOnly(2026, 4, 8);
        var ordinals = BusinessCalendar.Ordinals(wednesdayApril8).ToDictionary(o => o.Day, o => o.Ordinal);

        Assert.Equal(0, ordinals[BusinessCalendar.Epoch]);
        // Mon 30 March, Tue 31, Wed 1 April; Thu 2 to Mon 6 April are Easter holidays and a weekend; Tue 7 April.
        Assert.Equal(4, ordinals[wednesdayApril8] - ordinals[new DateOnly(2026, 3, 30)]);
        Assert.Equal(1, ordinals[wednesdayApril8] - ordinals[new DateOnly(2026, 4, 2)]);
        // Over six years, the same count as the SLA clock measures from midnight to midnight.
        Assert.Equal(Business.Measure(Oslo(2019, 12, 20, 0, 0), Oslo(2026, 4, 8, 0, 0)).TotalDays,
            ordinals[wednesdayApril8] - ordinals[new DateOnly(2019, 12, 20)]);
    }

    internal static DateTimeOffset Oslo(int year, int month, int day, int hour, int minute)
    {
        var local = new DateTime(year, month, day, hour, minute, 0);
        return new DateTimeOffset(local, WallClock.Oslo.GetUtcOffset(local)).ToUniversalTime();
    }
}
