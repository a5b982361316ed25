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

    public static int AgeBucketOf(double businessDays) => Array.FindIndex(AgeBuckets, b => businessDays < b.UpTo);

    /// <param name="hidden">Whether disclosure control hides the group: it then carries no figures.</param>
    public static BacklogGroup From(string stage, string body, IReadOnlyList<BacklogCount> counts, bool hidden)
    {
        var open = counts.Sum(c => c.Tasks);
        if (hidden) return new BacklogGroup(stage, body, true, 0, 0, 0, []);
        return new BacklogGroup(stage, body, false, open, counts.Where(c => c.Overdue).Sum(c => c.Tasks),
            counts.Where(c => c.PausedOnApplicant).Sum(c => c.Tasks),
            AgeBuckets.Select((b, i) => (b.Label, counts.Where(c => c.AgeBucket == i).Sum(c => c.Tasks))).ToList());
    }
}
