using DataAccessBroker.Domain.Errors;
using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Infrastructure.Persistence;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Statistics;

/// <summary>
/// Checks a filter against the catalog and reads the provenance flag, in one statement: a data source or committee
/// the broker does not know is refused (it would otherwise answer an empty table that looks like "no work"), and every
/// answer learns whether simulated history lies behind it.
/// </summary>
public sealed class StatisticsScopes(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <param name="refuseUnknownCodes">
    /// False when a peer node asks: its filter may name another node's source, which this node answers with nothing.
    /// </param>
    public async Task<StatisticsScope> ResolveAsync(
        StatisticsFilter filter, bool refuseUnknownCodes, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            select exists (select 1 from simulation_runs),
                   $1::text is null or exists (select 1 from catalog_data_sources where code = $1),
                   $2::text is null or exists (select 1 from catalog_rek_committees where code = $2)
            """);
        command.Parameters.AddValues(filter.DataSource, filter.RekCommittee);
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        await r.ReadAsync(cancellationToken);
        if (refuseUnknownCodes) RefuseUnknownCodes(sourceKnown: r.GetBoolean(1), committeeKnown: r.GetBoolean(2));
        var now = clock.GetUtcNow();
        return new StatisticsScope(filter, filter.ToMonth >= WallClock.OsloMonthOf(now), r.GetBoolean(0), now);
    }

    private static void RefuseUnknownCodes(bool sourceKnown, bool committeeKnown)
    {
        var violations = new List<FieldViolation>();
        if (!sourceKnown) violations.Add(new("filter.data_source", "is not a data source in the catalog (ListDataSources names them)"));
        if (!committeeKnown)
        {
            violations.Add(new("filter.rek_committee", "is not a REK committee in the catalog (ListRekCommittees names them)"));
        }

        if (violations.Count > 0) throw new InvalidInputException(violations);
    }
}
