namespace DataAccessBroker.Domain.Sla;

/// <summary>
/// Norwegian business days numbered in order from 1 January 2000: a day's ordinal is how many business days came
/// before it, so the whole business days from one day up to (not including) another are the difference of their
/// ordinals. PostgreSQL keeps the same numbers (<c>business_calendar</c>), so the ages of open work are computed
/// where its rows are rather than by shipping the rows here.
/// </summary>
public static class BusinessCalendar
{
    public static readonly DateOnly Epoch = new(2000, 1, 1);

    public static IEnumerable<(DateOnly Day, int Ordinal)> Ordinals(DateOnly through)
    {
        var ordinal = 0;
        for (var day = Epoch; day <= through; day = day.AddDays(1))
        {
            yield return (day, ordinal);
            if (WallClock.IsNorwegianBusinessDay(day)) ordinal++;
        }
    }

}
