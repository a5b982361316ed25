namespace DataAccessBroker.Domain.Catalog;

/// <summary>A regional research-ethics committee. Its code is also the organisation claim of its reviewers.</summary>
public sealed record RekCommittee(string Code, string Name, string Region);
