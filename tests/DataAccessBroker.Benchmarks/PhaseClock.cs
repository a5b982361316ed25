using System.Diagnostics;

namespace DataAccessBroker.Benchmarks;

public enum Phase { Warmup, Measured, Over }

/// <summary>
/// Warm-up, then the measured window, then over, on one monotonic clock shared by all clients. A call counts in the
/// phase in which it completes, so the measured window holds exactly the calls that finished inside it.
/// </summary>
public sealed class PhaseClock(TimeSpan warmup, TimeSpan measured)
{
    private readonly long _start = Stopwatch.GetTimestamp();

    public TimeSpan Warmup => warmup;
    public TimeSpan Measured => measured;

    public Phase Now
    {
        get
        {
            var elapsed = Stopwatch.GetElapsedTime(_start);
            return elapsed < warmup ? Phase.Warmup : elapsed < warmup + measured ? Phase.Measured : Phase.Over;
        }
    }

    public Task UntilMeasuredAsync() => DelayUntil(warmup);

    public Task UntilOverAsync() => DelayUntil(warmup + measured);

    private Task DelayUntil(TimeSpan offset)
    {
        var remaining = offset - Stopwatch.GetElapsedTime(_start);
        return remaining > TimeSpan.Zero ? Task.Delay(remaining) : Task.CompletedTask;
    }
}
