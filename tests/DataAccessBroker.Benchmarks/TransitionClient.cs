namespace DataAccessBroker.Benchmarks;

/// <summary>One closed-loop client: a new application as soon as the last one is delivered or failed, until time is up.</summary>
public sealed class TransitionClient(BrokerStubs broker, Cast cast, PhaseClock clock)
{
    /// <summary>After a failure, so that a broker that refuses everything at once is not hammered in a busy loop.</summary>
    private static readonly TimeSpan PauseAfterFailure = TimeSpan.FromMilliseconds(10);

    public ClientRecorder Recorder { get; } = new(clock);

    public async Task RunAsync()
    {
        var run = new ApplicationRun(broker, cast, Recorder, clock);
        while (clock.Now != Phase.Over)
        {
            if (!await run.RunAsync() && clock.Now != Phase.Over) await Task.Delay(PauseAfterFailure);
        }
    }
}
