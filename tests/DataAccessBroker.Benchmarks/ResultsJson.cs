using System.Text.Json;

namespace DataAccessBroker.Benchmarks;

/// <summary>
/// The same figures as the table, as JSON for scripts (infra/transition-benchmark.sh combines them with the database's
/// counters). Keys are snake_case; latencies are in milliseconds, CPU in seconds.
/// </summary>
public static class ResultsJson
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static void Write(TransitionResults r, string path) =>
        File.WriteAllText(path, JsonSerializer.Serialize(Document(r), Options) + "\n");

    private static Dictionary<string, object> Document(TransitionResults r) => new()
    {
        ["server"] = r.Server.ToString(),
        ["clients"] = r.Clients,
        ["connections"] = r.Connections,
        ["warmup_seconds"] = r.Warmup.TotalSeconds,
        ["measured_seconds"] = r.Measured.TotalSeconds,
        ["transitions"] = r.Transitions,
        ["transitions_per_second"] = r.TransitionsPerSecond,
        ["creates"] = r.Creates,
        ["creates_per_second"] = r.CreatesPerSecond,
        ["completed_applications"] = r.CompletedApplications,
        ["load_generator_cpu_seconds"] = r.LoadGeneratorCpu.TotalSeconds,
        ["latency_ms"] = r.Latencies
            .Select(l => (Name: l.Key.ToString(), Summary: l.Value))
            .Append((Name: "transitions", Summary: r.AllTransitions))
            .ToDictionary(l => l.Name, l => Latency(l.Summary)),
        ["error_total"] = r.ErrorTotal,
        ["errors"] = r.Errors.Select(e => new Dictionary<string, object>
        {
            ["rpc"] = e.Kind.ToString(), ["code"] = e.Code, ["count"] = e.Count, ["example"] = e.Example,
        }).ToList(),
    };

    private static Dictionary<string, object> Latency(LatencySummary l) => new()
    {
        ["calls"] = l.Calls, ["p50"] = l.P50, ["p95"] = l.P95, ["p99"] = l.P99, ["max"] = l.Max, ["mean"] = l.Mean,
    };
}
