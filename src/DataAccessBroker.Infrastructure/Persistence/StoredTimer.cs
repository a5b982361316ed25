using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Domain.Statistics;

namespace DataAccessBroker.Infrastructure.Persistence;

/// <summary>A timer as loaded, with what the open-work rollups count for it and the due time its row holds.</summary>
internal sealed record StoredTimer(SlaTimer Timer, OpenWorkCount? Counted, DateTimeOffset? DueTime);
