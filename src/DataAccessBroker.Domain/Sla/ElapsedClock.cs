namespace DataAccessBroker.Domain.Sla;

/// <summary>Real elapsed time: for allowances in seconds or hours (tests, operational drills).</summary>
public sealed class ElapsedClock : ISlaClock
{
    public static ElapsedClock Instance { get; } = new();

    public DateTimeOffset Advance(DateTimeOffset from, TimeSpan amount) => from + amount;

    public TimeSpan Measure(DateTimeOffset from, DateTimeOffset to) => to > from ? to - from : TimeSpan.Zero;
}
