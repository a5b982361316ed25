namespace DataAccessBroker.Domain.Statistics;

/// <summary>
/// Counts of durations in half-day buckets from 0 to 365 days (the last bucket also takes anything longer). A fixed
/// size, so adding up any number of stored histograms costs the same however much history lies behind them.
/// Percentiles use the nearest-rank method and report the lower edge of the bucket: exact for whole and half days.
/// </summary>
public sealed class DurationHistogram
{
    public const double BucketDays = 0.5;
    public const int Buckets = 731;

    private readonly long[] _counts;

    public DurationHistogram() : this(new long[Buckets])
    {
    }

    private DurationHistogram(long[] counts) => _counts = counts;

    public long Count => _counts.Sum();
    public IReadOnlyList<long> Counts => _counts;

    public static DurationHistogram From(IEnumerable<long> counts)
    {
        var array = counts.ToArray();
        if (array.Length != Buckets) throw new ArgumentException($"a histogram has {Buckets} buckets, not {array.Length}");
        return new DurationHistogram(array);
    }

    public static int BucketOf(double days) => Math.Clamp((int)Math.Floor(days / BucketDays), 0, Buckets - 1);

    public static double LowerEdge(int bucket) => bucket * BucketDays;

    public void Add(double days, long count = 1) => _counts[BucketOf(days)] += count;

    public void Add(DurationHistogram other)
    {
        for (var i = 0; i < Buckets; i++) _counts[i] += other._counts[i];
    }

    /// <summary>The nearest-rank percentile (0 &lt; p ≤ 1): the value below which rank ⌈p·n⌉ falls; null when empty.</summary>
    public double? Percentile(double p)
    {
        var n = Count;
        if (n == 0) return null;
        var rank = (long)Math.Ceiling(p * n);
        long seen = 0;
        for (var i = 0; i < Buckets; i++)
        {
            seen += _counts[i];
            if (seen >= Math.Max(rank, 1)) return LowerEdge(i);
        }

        return LowerEdge(Buckets - 1);
    }
}
