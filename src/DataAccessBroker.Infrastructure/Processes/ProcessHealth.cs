using System.Collections.Concurrent;

namespace DataAccessBroker.Infrastructure.Processes;

/// <summary>
/// When each <see cref="PollingProcess"/> last completed a pass, for the readiness check: a broker whose firing
/// process has not completed a pass for a while cannot keep its SLA promises and should not take traffic.
/// </summary>
public sealed class ProcessHealth(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, State> _states = new();

    /// <summary>Records a completed pass.</summary>
    /// <returns>True when the process had been failing until now.</returns>
    public bool Succeeded(string process)
    {
        var previous = _states.GetValueOrDefault(process);
        _states[process] = new State(clock.GetUtcNow(), Failing: false);
        return previous?.Failing == true;
    }

    /// <summary>Records a failed pass.</summary>
    /// <returns>True when this is the first failure after a success (or the first pass).</returns>
    public bool Failed(string process)
    {
        var previous = _states.GetValueOrDefault(process);
        _states[process] = new State(previous?.LastSuccess, Failing: true);
        return previous?.Failing != true;
    }

    /// <summary>Whether the process has not completed a pass within <paramref name="stale"/> (or never has).</summary>
    public bool IsStalled(string process, TimeSpan stale) =>
        _states.GetValueOrDefault(process)?.LastSuccess is not { } last || clock.GetUtcNow() - last > stale;

    private sealed record State(DateTimeOffset? LastSuccess, bool Failing);
}
