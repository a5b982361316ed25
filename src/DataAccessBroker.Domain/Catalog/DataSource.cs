namespace DataAccessBroker.Domain.Catalog;

/// <summary>
/// A health register whose data can be requested, the organisation that reviews and delivers it, and the broker node
/// that holds it and decides on it ("no", "dk", "fi" …).
/// </summary>
public sealed record DataSource(string Code, string Name, string OwnerName, string Organisation, string Node);
