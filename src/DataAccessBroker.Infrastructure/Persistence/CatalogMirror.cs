namespace DataAccessBroker.Infrastructure.Persistence;

/// <summary>This node's copy of a peer's catalog, as <see cref="CatalogRepository.ListMirrorsAsync"/> reports it.</summary>
public sealed record CatalogMirror(string Node, string NodeName, DateTimeOffset? RefreshTime, bool Stale);
