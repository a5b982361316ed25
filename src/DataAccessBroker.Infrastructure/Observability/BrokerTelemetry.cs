using System.Diagnostics;

namespace DataAccessBroker.Infrastructure.Observability;

/// <summary>
/// The broker's own trace source: spans for the background work that no request starts (firing a batch of SLA
/// milestones, folding statistics), so their database statements show up in a trace of their own.
/// </summary>
public static class BrokerTelemetry
{
    public const string SourceName = "DataAccessBroker";

    public static ActivitySource Source { get; } = new(SourceName);
}
