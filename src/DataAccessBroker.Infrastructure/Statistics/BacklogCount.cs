namespace DataAccessBroker.Infrastructure.Statistics;

/// <summary>So many open tasks in one age bucket (an index into <see cref="BacklogGroup.AgeBuckets"/>), overdue or not.</summary>
public sealed record BacklogCount(int AgeBucket, bool Overdue, bool PausedOnApplicant, long Tasks);
