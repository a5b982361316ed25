namespace DataAccessBroker.Infrastructure.Statistics;

/// <summary>
/// What an answer was computed over, for every answer to say: the filter as resolved, whether its period is still
/// running, and whether the database holds simulated history (provenance: a simulated figure must never pass for a
/// real one).
/// </summary>
public sealed record StatisticsScope(StatisticsFilter Filter, bool Partial, bool Simulated, DateTimeOffset ComputeTime);
