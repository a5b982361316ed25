using DataAccessBroker.Domain.Statistics;

namespace DataAccessBroker.Infrastructure.Federation;

/// <summary>One node's own turnaround, as it reported it (suppressed there); or why it could not be asked.</summary>
public sealed record NodeTurnaround(string Node, string NodeName, IReadOnlyList<TurnaroundSummary> Groups, string? Error);
