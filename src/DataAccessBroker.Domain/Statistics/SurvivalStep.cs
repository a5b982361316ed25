namespace DataAccessBroker.Domain.Statistics;

/// <summary>One step of a Kaplan–Meier curve: from <paramref name="BusinessDays"/> on, this share is not completed.</summary>
public sealed record SurvivalStep(double BusinessDays, double ShareNotCompleted);
