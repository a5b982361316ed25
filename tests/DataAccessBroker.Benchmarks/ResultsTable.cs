using System.Globalization;

namespace DataAccessBroker.Benchmarks;

/// <summary>The results for a reader: throughput, latency per RPC kind, errors with an example of each.</summary>
public static class ResultsTable
{
    public static void Write(TransitionResults r, TextWriter output)
    {
        var seconds = r.Measured.TotalSeconds;
        output.WriteLine();
        output.WriteLine($"transitions/s           {F(r.TransitionsPerSecond, 1),10}   ({r.Transitions} Submit, Approve and MarkDelivered calls)");
        output.WriteLine($"creates/s               {F(r.CreatesPerSecond, 1),10}   ({r.Creates})");
        output.WriteLine($"completed applications  {r.CompletedApplications,10}");
        output.WriteLine($"load generator CPU      {F(r.LoadGeneratorCpu.TotalSeconds, 2),10}   s ({F(r.LoadGeneratorCpu.TotalSeconds / seconds, 2)} cores)");
        output.WriteLine();

        output.WriteLine($"{"rpc",-12} {"calls",8} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8}");
        foreach (var (kind, latency) in r.Latencies) Row(output, kind.ToString(), latency);
        Row(output, "transitions", r.AllTransitions);
        output.WriteLine();

        if (r.Errors.Count == 0)
        {
            output.WriteLine("errors: none");
            return;
        }

        output.WriteLine($"errors: {r.ErrorTotal}");
        foreach (var e in r.Errors) output.WriteLine($"  {e.Kind,-12} {e.Code,-18} {e.Count,8}   e.g. {e.Example}");
    }

    private static void Row(TextWriter output, string name, LatencySummary l) =>
        output.WriteLine($"{name,-12} {l.Calls,8} {F(l.P50, 1),8} {F(l.P95, 1),8} {F(l.P99, 1),8} {F(l.Max, 1),8}");

    private static string F(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);
}
