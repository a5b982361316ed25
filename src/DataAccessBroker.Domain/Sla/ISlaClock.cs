namespace DataAccessBroker.Domain.Sla;

/// <summary>
/// Measures SLA time. Business and calendar clocks count Europe/Oslo wall-clock time on the days that count, so a
/// deadline keeps its local time of day across daylight-saving changes; the elapsed clock counts real time.
/// </summary>
public interface ISlaClock
{
    /// <summary>The instant at which <paramref name="amount"/> of counted time has passed since <paramref name="from"/>.</summary>
    DateTimeOffset Advance(DateTimeOffset from, TimeSpan amount);

    /// <summary>How much counted time lies between two instants (zero when <paramref name="to"/> is not later).</summary>
    TimeSpan Measure(DateTimeOffset from, DateTimeOffset to);
}
