namespace DataAccessBroker.Benchmarks;

/// <summary>
/// One client's measurements in the measured phase. Each client records into its own recorder, so the hot path takes
/// no lock; the recorders are merged once the run is over.
/// </summary>
public sealed class ClientRecorder(PhaseClock clock)
{
    public Dictionary<RpcKind, List<double>> LatenciesMs { get; } = RpcKinds.All.ToDictionary(k => k, _ => new List<double>());

    /// <summary>Failures by RPC kind and gRPC status code (or a workflow surprise such as a missing task).</summary>
    public Dictionary<(RpcKind Kind, string Code), long> Errors { get; } = [];

    /// <summary>The first failure of each kind and code, with the google.rpc details, to say what went wrong.</summary>
    public Dictionary<(RpcKind Kind, string Code), string> ErrorExamples { get; } = [];

    public long CompletedApplications { get; private set; }

    public void Succeeded(RpcKind kind, TimeSpan latency)
    {
        if (clock.Now == Phase.Measured) LatenciesMs[kind].Add(latency.TotalMilliseconds);
    }

    public void Failed(RpcKind kind, string code, string detail)
    {
        if (clock.Now != Phase.Measured) return;
        Errors[(kind, code)] = Errors.GetValueOrDefault((kind, code)) + 1;
        ErrorExamples.TryAdd((kind, code), detail);
    }

    public void ApplicationDelivered()
    {
        if (clock.Now == Phase.Measured) CompletedApplications++;
    }
}
