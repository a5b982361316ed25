namespace DataAccessBroker.Benchmarks;

/// <summary>Latency figures of one RPC kind, in milliseconds, exact from every recorded sample.</summary>
public sealed record LatencySummary(int Calls, double P50, double P95, double P99, double Max, double Mean)
{
    public static LatencySummary Of(IReadOnlyCollection<double> samplesMs)
    {
        if (samplesMs.Count == 0) return new LatencySummary(0, 0, 0, 0, 0, 0);
        var sorted = samplesMs.Order().ToArray();
        return new LatencySummary(sorted.Length, NearestRank(sorted, 50), NearestRank(sorted, 95),
            NearestRank(sorted, 99), sorted[^1], sorted.Average());
    }

    /// <summary>Nearest-rank percentile: the smallest sample with at least p % of the samples at or below it.</summary>
    public static double NearestRank(double[] sorted, double percent)
    {
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
