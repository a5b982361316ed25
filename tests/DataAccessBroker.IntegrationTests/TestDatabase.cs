using Npgsql;

namespace DataAccessBroker.IntegrationTests;

/// <summary>
/// A fresh database per test class on the PostgreSQL named by DAB_TEST_CONNECTION (infra/test.sh starts one), so
/// classes run in parallel without seeing each other's rows. The broker gets it the production way
/// (<see cref="Roles"/>): the superuser of DAB_TEST_CONNECTION owns the schema and migrates, and a login role without
/// superuser runs everything else.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private const string DefaultServer = "Host=127.0.0.1;Port=55433;Username=postgres;Database=postgres";

    /// <summary>
    /// The broker's runtime role in every test. Roles belong to the cluster, so all test databases share it. Its name
    /// needs quoting in SQL, so every test start proves that the grants quote it.
    /// </summary>
    public const string RuntimeRole = "dab_test \"runtime\"";

    // For a cluster that asks for passwords; the clusters of infra/local-postgres.sh trust loopback connections.
    private const string RuntimePassword = "dab-test-runtime";

    private readonly string _serverConnectionString;

    private TestDatabase(string serverConnectionString, string name)
    {
        _serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
        RuntimeConnectionString = new NpgsqlConnectionStringBuilder(ConnectionString)
        {
            Username = RuntimeRole, Password = RuntimePassword,
        }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>The superuser's connection: the schema owner's, and the tests' own for reading and tampering.</summary>
    public string ConnectionString { get; }

    /// <summary>The broker's runtime role's connection.</summary>
    public string RuntimeConnectionString { get; }

    public DatabaseRoles Roles => new(ConnectionString, RuntimeConnectionString);

    public static async Task<TestDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable("DAB_TEST_CONNECTION") is { Length: > 0 } configured
            ? configured
            : DefaultServer;
        var database = new TestDatabase(server, $"dab_test_{Guid.NewGuid():N}");
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await CreateRuntimeRoleAsync(connection);
        await using var command = new NpgsqlCommand($"create database {database.Name}", connection);
        await command.ExecuteNonQueryAsync();
        return database;
    }

    /// <summary>Creates the runtime role unless it exists; test classes starting in parallel may race to create it.</summary>
    private static async Task CreateRuntimeRoleAsync(NpgsqlConnection connection)
    {
        await using var exists = new NpgsqlCommand("select exists (select 1 from pg_roles where rolname = $1)", connection);
        exists.Parameters.AddWithValue(RuntimeRole);
        if (await exists.ExecuteScalarAsync() is true) return;
        await using var create = new NpgsqlCommand(
            $"create role {QuotedRuntimeRole} login nosuperuser password '{RuntimePassword}'", connection);
        try
        {
            await create.ExecuteNonQueryAsync();
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.UniqueViolation)
        {
            // Another test class created it a moment before.
        }
    }

    /// <summary>The runtime role as an SQL identifier.</summary>
    public static string QuotedRuntimeRole => $"\"{RuntimeRole.Replace("\"", "\"\"")}\"";

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
