using DataAccessBroker.Domain.Federation;

namespace DataAccessBroker.Infrastructure.Federation;

/// <summary>
/// A message between nodes as it travels: who sent it, which application's stream it belongs to (keyed by the
/// application's id at its home node) and its place in that stream. The transport carries it; the receiver
/// deduplicates by <see cref="MessageId"/> and applies each stream in <see cref="Sequence"/> order.
/// </summary>
public sealed record NodeEnvelope(
    Guid MessageId, string Sender, Guid HomeApplication, int Sequence, DateTimeOffset SendTime, FederationMessage Body);
