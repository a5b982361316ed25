using Npgsql;

namespace DataAccessBroker.IntegrationTests;

/// <summary>
/// A fresh database per test class on the PostgreSQL named by DAB_TEST_CONNECTION (infra/test.sh starts one), so
/// classes run in parallel without seeing each other's rows.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private const string DefaultServer = "Host=127.0.0.1;Port=55433;Username=postgres;Database=postgres";
    private readonly string _serverConnectionString;

    private TestDatabase(string serverConnectionString, string name)
    {
        _serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
    }

    public string Name { get; }
    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable("DAB_TEST_CONNECTION") is { Length: > 0 } configured
            ? configured
            : DefaultServer;
        var database = new TestDatabase(server, $"dab_test_{Guid.NewGuid():N}");
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"create database {database.Name}", connection);
        await command.ExecuteNonQueryAsync();
        return database;
    }

    public Task<long> CountAsync(string table, string where = "true") =>
        ScalarAsync<long>($"select count(*) from {table} where {where}");

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return reader.GetFieldValue<T>(0);
    }

    /// <summary>The SLA milestones recorded for a timer, earliest due first.</summary>
    public async Task<List<(string Milestone, DateTimeOffset Due, DateTimeOffset Fired)>> FiringsAsync(Guid timerId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select milestone, due_time, fired_time from sla_firings where timer_id = $1 order by due_time", connection);
        command.Parameters.AddWithValue(timerId);
        var firings = new List<(string, DateTimeOffset, DateTimeOffset)>();
        await using var r = await command.ExecuteReaderAsync();
        while (await r.ReadAsync()) firings.Add((r.GetString(0), r.GetFieldValue<DateTimeOffset>(1), r.GetFieldValue<DateTimeOffset>(2)));
        return firings;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"drop database if exists {Name} with (force)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
