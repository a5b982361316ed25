namespace DataAccessBroker.Infrastructure.Persistence;

public static class StoredTime
{
    /// <summary>
    /// Now, cut to the microseconds PostgreSQL keeps: every write takes its time from here, so what a command returns
    /// or compares in memory is exactly what is stored.
    /// </summary>
    public static DateTimeOffset GetStoredUtcNow(this TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }

    /// <summary>
    /// An instant rounded up to the microseconds PostgreSQL keeps. Due times are stored this way: a stored due time
    /// is never before the real one, so what the firing process picks up by index is due in memory too, never early.
    /// </summary>
    public static DateTimeOffset? CeilingToStored(DateTimeOffset? instant)
    {
        if (instant is not { } time) return null;
        var extra = time.Ticks % TimeSpan.TicksPerMicrosecond;
        return extra == 0 ? time : time.AddTicks(TimeSpan.TicksPerMicrosecond - extra);
    }
}
