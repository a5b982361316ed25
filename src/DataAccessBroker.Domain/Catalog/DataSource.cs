namespace DataAccessBroker.Domain.Catalog;

/// <summary>A health register whose data can be requested, and the organisation that reviews and delivers it.</summary>
public sealed record DataSource(string Code, string Name, string OwnerName, string Organisation);
