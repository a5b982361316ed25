using DataAccessBroker.Domain.Statistics;

namespace DataAccessBroker.Infrastructure.Statistics;

/// <summary>
/// Open work of one stage (body "") or one body: how much, how old (business days waited on the body), how much is
/// overdue (its breach is on record) and how much stands paused on the applicant.
/// </summary>
public sealed record BacklogGroup(
    string Stage, string Body, bool Suppressed, long Open, long Overdue, long PausedOnApplicant,
    IReadOnlyList<(string Bucket, long Count)> Ages)
{
    public static readonly (string Label, double UpTo)[] AgeBuckets =
        [("0-10 bd", 10), ("10-30 bd", 30), ("30-60 bd", 60), ("60+ bd", double.MaxValue)];

    public static BacklogGroup From(
        string stage, string body, IReadOnlyList<OpenWork> rows, BusinessDaysSince since, int suppressBelow)
    {
        var open = rows.Sum(r => r.Tasks);
        if (open < suppressBelow) return new BacklogGroup(stage, body, true, 0, 0, 0, []);
        var aged = rows.Select(r => (Days: r.Age.BusinessDaysOn(since), r.Tasks)).ToList();
        var lower = 0.0;
        var buckets = new List<(string, long)>();
        foreach (var (label, upTo) in AgeBuckets)
        {
            buckets.Add((label, aged.Where(a => a.Days >= lower && a.Days < upTo).Sum(a => a.Tasks)));
            lower = upTo;
        }

        return new BacklogGroup(stage, body, false, open, rows.Where(r => r.Breached).Sum(r => r.Tasks),
            rows.Where(r => r.PausedOnApplicant).Sum(r => r.Tasks), buckets);
    }
}
