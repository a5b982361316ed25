using DataAccessBroker.Domain.Applications;

namespace DataAccessBroker.Infrastructure.Statistics;

/// <summary>
/// What an analyst narrows the figures to: a period of months (inclusive), a purpose, and bodies. A data source
/// selects that registry's review and delivery work; a REK committee selects that committee's reviews.
/// </summary>
public sealed record StatisticsFilter(
    DateOnly FromMonth, DateOnly ToMonth, Purpose? Purpose, string? DataSource, string? RekCommittee, int SuppressBelow)
{
    /// <summary>The bodies asked for (none: all). Worked out once: the queries test every row against it.</summary>
    public IReadOnlyList<string> Bodies { get; } = new[] { DataSource, RekCommittee }.OfType<string>().ToList();
}
