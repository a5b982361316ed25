namespace DataAccessBroker.Web.Display;

/// <summary>One statistics table: its caption, column headers, the rows <c>StatisticsRows</c> builds, and its legend.</summary>
public sealed record StatisticsTable(string Id, string Caption, IReadOnlyList<string> Headers,
    IEnumerable<string[]> Rows, string? Legend);
