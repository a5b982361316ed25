namespace DataAccessBroker.Domain.Catalog;

/// <summary>
/// Tells who holds a data source: which node decides on it and, for this node's own sources, which organisation's
/// queue gets its review and delivery tasks.
/// </summary>
public interface IDataSourceDirectory
{
    /// <summary>This broker's node code.</summary>
    string LocalNode { get; }

    /// <returns>The owner organisation, or null when the catalog has no such data source.</returns>
    string? OrganisationOf(string dataSource);

    /// <returns>The node that holds the source, or null when the catalog has no such data source.</returns>
    string? NodeOf(string dataSource);

    /// <summary>Whether this node's copy of a peer's catalog is too old to apply for its sources.</summary>
    bool IsStale(string node);
}
