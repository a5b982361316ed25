using System.Globalization;
using System.Text.Json;

namespace DataAccessBroker.Benchmarks;

/// <summary>One application's way through three nodes: its whole time and what the client waited on messages.</summary>
public sealed record CrossBorderRun(TimeSpan Total, TimeSpan ForwardSeen, TimeSpan DecisionSeen, TimeSpan DeliverySeen);

/// <summary>What <c>dab-bench federation</c> measured, for a reader and as JSON.</summary>
public sealed record FederationResults(
    FederationBenchOptions Options, TimeSpan Elapsed, IReadOnlyList<CrossBorderRun> Runs, IReadOnlyList<string> Errors,
    int WaitingReads)
{
    public double ApplicationsPerSecond => Runs.Count / Elapsed.TotalSeconds;

    private LatencySummary Of(Func<CrossBorderRun, TimeSpan> pick) => LatencySummary.Of(Runs.Select(r => pick(r).TotalMilliseconds).ToList());

    public void Write(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"applications delivered   {Runs.Count,8}   of {Options.Applications}, {Options.Concurrency} at a time, in {F(Elapsed.TotalSeconds)} s " +
                         $"({F(ApplicationsPerSecond)} per second)");
        output.WriteLine($"polling interval         {FederationBenchmark.PollInterval.TotalMilliseconds,8}   ms (the waits below include up to one interval)");
        output.WriteLine($"reads while waiting      {WaitingReads,8}   ({F(WaitingReads / Math.Max(1.0, Runs.Count))} per application; they load the nodes too)");
        output.WriteLine();
        output.WriteLine($"{"waited on",-34} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8}");
        Row(output, "REK approved → both parts at peers", Of(r => r.ForwardSeen));
        Row(output, "peers decided → home at HDS", Of(r => r.DecisionSeen));
        Row(output, "all delivered → home Delivered", Of(r => r.DeliverySeen));
        Row(output, "whole application (client)", Of(r => r.Total));
        output.WriteLine();
        output.WriteLine(Errors.Count == 0 ? "errors: none" : $"errors: {Errors.Count}");
        foreach (var group in Errors.GroupBy(e => e).OrderByDescending(g => g.Count()).Take(5))
        {
            output.WriteLine($"  {group.Count(),6}  {group.Key}");
        }
    }

    public void WriteJson(string file) => File.WriteAllText(file, JsonSerializer.Serialize(new
    {
        applications = Options.Applications,
        concurrency = Options.Concurrency,
        delivered = Runs.Count,
        elapsed_seconds = Elapsed.TotalSeconds,
        applications_per_second = ApplicationsPerSecond,
        forward_seen_ms = Of(r => r.ForwardSeen),
        decision_seen_ms = Of(r => r.DecisionSeen),
        delivery_seen_ms = Of(r => r.DeliverySeen),
        total_ms = Of(r => r.Total),
        errors = Errors.Count,
        waiting_reads = WaitingReads,
    }, new JsonSerializerOptions { WriteIndented = true }));

    private static void Row(TextWriter output, string name, LatencySummary l) =>
        output.WriteLine($"{name,-34} {F(l.P50),8} {F(l.P95),8} {F(l.P99),8} {F(l.Max),8}");

    private static string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
}
