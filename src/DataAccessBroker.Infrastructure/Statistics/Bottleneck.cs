namespace DataAccessBroker.Infrastructure.Statistics;

/// <summary>A stage at a body, ranked by its share of all time spent waiting on bodies and of the overdue work.</summary>
public sealed record Bottleneck(
    string Stage, string Body, bool Suppressed, double? ShareOfLeadTime, double? ShareOfOverdue, double? MeanBusinessDays);
