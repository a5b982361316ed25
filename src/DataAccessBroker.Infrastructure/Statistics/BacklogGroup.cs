namespace DataAccessBroker.Infrastructure.Statistics;

/// <summary>Open work of one stage (body "") or one body: how much, how old (business days), how much overdue.</summary>
public sealed record BacklogGroup(
    string Stage, string Body, bool Suppressed, long Open, long Overdue, long PausedOnApplicant,
    IReadOnlyList<(string Bucket, long Count)> Ages)
{
    public static readonly (string Label, double UpTo)[] AgeBuckets =
        [("0-10 bd", 10), ("10-30 bd", 30), ("30-60 bd", 60), ("60+ bd", double.MaxValue)];

    public static BacklogGroup From(string stage, string body, IReadOnlyList<OpenTask> tasks, DateTimeOffset now, int suppressBelow)
    {
        if (tasks.Count < suppressBelow) return new BacklogGroup(stage, body, true, 0, 0, 0, []);
        var ages = tasks.Select(t => t.BodyBusinessDays(now)).ToList();
        var lower = 0.0;
        var buckets = new List<(string, long)>();
        foreach (var (label, upTo) in AgeBuckets)
        {
            buckets.Add((label, ages.Count(a => a >= lower && a < upTo)));
            lower = upTo;
        }

        return new BacklogGroup(stage, body, false, tasks.Count,
            tasks.Count(t => t.Deadline is { } d && d < now),
            tasks.Count(t => t.Timer is { IsRunning: false, IsClosed: false }), buckets);
    }
}
