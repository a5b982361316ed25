namespace DataAccessBroker.Domain.Catalog;

/// <summary>Tells which organisation owns a data source, so its review and delivery tasks land in the right queue.</summary>
public interface IDataSourceDirectory
{
    /// <returns>The owner organisation, or null when the catalog has no such data source.</returns>
    string? OrganisationOf(string dataSource);
}
