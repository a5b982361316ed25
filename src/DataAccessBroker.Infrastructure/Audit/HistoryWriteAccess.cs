namespace DataAccessBroker.Infrastructure.Audit;

/// <summary>
/// Whether the broker's own database role could change or remove events, which the hash chain would show but not
/// prevent: the chain is the evidence, the role's privileges the lock (README, "Database roles").
/// </summary>
/// <param name="Role">The PostgreSQL role the broker connects as.</param>
/// <param name="Privileges">
/// What lets it: SUPERUSER, OWNER (it owns application_events, or may act as its owner, and can grant itself
/// anything), UPDATE, DELETE, TRUNCATE. Empty when it may only read and append.
/// </param>
public sealed record HistoryWriteAccess(string Role, IReadOnlyList<string> Privileges)
{
    public bool CanAlterHistory => Privileges.Count > 0;
}
