using System.Data.Common;
using System.Diagnostics;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Persistence;

/// <summary>The broker's connection pool, with defaults chosen for short transactions run many times over.</summary>
public static class BrokerDataSource
{
    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        // Only what the connection string leaves out: an operator's own setting wins.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()).ToHashSet();
        // The same few statements run for every transition: prepared once per connection, PostgreSQL parses and
        // plans them once instead of every time.
        if (!given.Contains("maxautoprepare")) builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        // The broker sets no session state, so a connection returned to the pool needs no reset statement (which
        // would also discard the prepared statements).
        if (!given.Contains("noresetonclose")) builder.ConnectionStringBuilder.NoResetOnClose = true;
        // Statements are traced inside a trace that something started (a request, a firing batch); the background
        // processes' idle polls would otherwise make a root trace each, twice a second.
        builder.ConfigureTracing(tracing => tracing
            .ConfigureCommandFilter(_ => Activity.Current is not null)
            .ConfigureBatchFilter(_ => Activity.Current is not null)
            .EnablePhysicalOpenTracing(false));
        return builder.Build();
    }
}
