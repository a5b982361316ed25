using Npgsql;

namespace DataAccessBroker.Infrastructure.Persistence;

/// <summary>The broker's connection pool, with defaults chosen for short transactions run many times over.</summary>
public static class BrokerDataSource
{
    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var given = new NpgsqlConnectionStringBuilder(connectionString);
        // The same few statements run for every transition: prepared once per connection, PostgreSQL parses and
        // plans them once instead of every time.
        if (!given.ContainsKey("Max Auto Prepare")) builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        // The broker sets no session state, so a connection returned to the pool needs no reset statement (which
        // would also discard the prepared statements).
        if (!given.ContainsKey("No Reset On Close")) builder.ConnectionStringBuilder.NoResetOnClose = true;
        return builder.Build();
    }
}
