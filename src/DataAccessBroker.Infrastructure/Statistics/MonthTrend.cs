namespace DataAccessBroker.Infrastructure.Statistics;

/// <summary>One month: applications submitted and finished, the median lead time of those finished, backlog at month end.</summary>
public sealed record MonthTrend(DateOnly Month, long Arrivals, long Completions, double? MedianLeadCalendarDays, long BacklogAtMonthEnd);
