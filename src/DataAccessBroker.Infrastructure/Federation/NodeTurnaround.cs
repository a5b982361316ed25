using DataAccessBroker.Domain.Statistics;

namespace DataAccessBroker.Infrastructure.Federation;

/// <summary>
/// One node's own turnaround, as it reported it (suppressed there), and whether it said its history is simulated; or
/// why it could not be asked.
/// </summary>
public sealed record NodeTurnaround(
    string Node, string NodeName, IReadOnlyList<TurnaroundSummary> Groups, bool Simulated, string? Error);
