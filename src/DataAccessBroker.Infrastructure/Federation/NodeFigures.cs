using DataAccessBroker.Domain.Statistics;

namespace DataAccessBroker.Infrastructure.Federation;

/// <summary>A peer's answer to "your own turnaround": its groups, suppressed by the peer, and its provenance flag.</summary>
public sealed record NodeFigures(IReadOnlyList<TurnaroundSummary> Groups, bool Simulated);
