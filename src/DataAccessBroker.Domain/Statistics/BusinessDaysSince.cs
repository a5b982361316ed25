using DataAccessBroker.Domain.Sla;

namespace DataAccessBroker.Domain.Statistics;

/// <summary>
/// Whole Norwegian business days from a day up to (not including) <see cref="Today"/>. Memoised: a statistics query
/// asks about the same few hundred days thousands of times, so each day is counted once, walking back from today.
/// </summary>
public sealed class BusinessDaysSince(DateOnly today)
{
    private readonly Dictionary<DateOnly, int> _counts = [];
    private DateOnly _earliest = today;
    private int _countFromEarliest;

    public DateOnly Today { get; } = today;

    public int Count(DateOnly day)
    {
        if (day >= Today) return 0;
        while (_earliest > day)
        {
            _earliest = _earliest.AddDays(-1);
            if (WallClock.IsNorwegianBusinessDay(_earliest)) _countFromEarliest++;
            _counts[_earliest] = _countFromEarliest;
        }

        return _counts[day];
    }
}
