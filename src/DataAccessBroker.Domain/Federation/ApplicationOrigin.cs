namespace DataAccessBroker.Domain.Federation;

/// <summary>Where a forwarded part comes from: the home node and the application's id there.</summary>
public sealed record ApplicationOrigin(string Node, Guid ApplicationId);
