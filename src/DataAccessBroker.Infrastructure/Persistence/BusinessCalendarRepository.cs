using DataAccessBroker.Domain.Sla;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Persistence;

/// <summary>Keeps <c>business_calendar</c> filled from <see cref="BusinessCalendar"/> through the end of 2100.</summary>
public sealed class BusinessCalendarRepository(NpgsqlDataSource dataSource)
{
    private static readonly DateOnly Through = new(2100, 12, 31);

    /// <summary>Fills the calendar unless it is complete; safe to run at every start, by any number of instances.</summary>
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var check = new NpgsqlCommand("select count(*) from business_calendar", connection))
        {
            if ((long)(await check.ExecuteScalarAsync(cancellationToken))! == Through.DayNumber - BusinessCalendar.Epoch.DayNumber + 1) return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new ColumnArrays<(DateOnly Day, int Ordinal)>(BusinessCalendar.Ordinals(Through).ToList())
            .Column(d => d.Day).Column(d => d.Ordinal)
            .Command("""
                insert into business_calendar (day, ordinal) select * from unnest($1::date[], $2::integer[])
                on conflict (day) do update set ordinal = excluded.ordinal
                """));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
