namespace DataAccessBroker.Benchmarks;

/// <summary>What one measured window came to, merged over all clients.</summary>
public sealed record TransitionResults(
    Uri Server,
    int Clients,
    int Connections,
    TimeSpan Warmup,
    TimeSpan Measured,
    long Creates,
    long Transitions,
    long CompletedApplications,
    TimeSpan LoadGeneratorCpu,
    IReadOnlyDictionary<RpcKind, LatencySummary> Latencies,
    LatencySummary AllTransitions,
    IReadOnlyList<ErrorCount> Errors)
{
    public double TransitionsPerSecond => Transitions / Measured.TotalSeconds;
    public double CreatesPerSecond => Creates / Measured.TotalSeconds;
    public long ErrorTotal => Errors.Sum(e => e.Count);

    public static TransitionResults Merge(
        TransitionOptions options, PhaseClock clock, IReadOnlyList<ClientRecorder> recorders, TimeSpan cpu)
    {
        var samples = RpcKinds.All.ToDictionary(k => k, k => recorders.SelectMany(r => r.LatenciesMs[k]).ToList());
        var errors = recorders.SelectMany(r => r.Errors)
            .GroupBy(e => e.Key)
            .Select(g => new ErrorCount(g.Key.Kind, g.Key.Code, g.Sum(e => e.Value),
                recorders.Select(r => r.ErrorExamples.GetValueOrDefault(g.Key)).First(x => x is not null)!))
            .OrderBy(e => e.Kind).ThenBy(e => e.Code, StringComparer.Ordinal)
            .ToList();

        return new TransitionResults(
            options.Server, options.Clients, options.Connections, clock.Warmup, clock.Measured,
            samples[RpcKind.Create].Count,
            samples.Where(s => s.Key.IsTransition()).Sum(s => s.Value.Count),
            recorders.Sum(r => r.CompletedApplications),
            cpu,
            samples.ToDictionary(s => s.Key, s => LatencySummary.Of(s.Value)),
            LatencySummary.Of(samples.Where(s => s.Key.IsTransition()).SelectMany(s => s.Value).ToList()),
            errors);
    }
}

/// <summary>How often one RPC kind failed with one code, and the first such failure in full.</summary>
public sealed record ErrorCount(RpcKind Kind, string Code, long Count, string Example);
