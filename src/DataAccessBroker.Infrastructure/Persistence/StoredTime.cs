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
}
