using System.Reflection;
using Hangfire.PostgreSql;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Persistence;

/// <summary>
/// Applies the embedded <c>Migrations/NNNN_name.sql</c> scripts in order, each in its own transaction, then installs
/// or upgrades Hangfire's schema. An advisory lock serialises runners, so several broker instances starting at once
/// apply each script exactly once.
/// </summary>
/// <remarks>
/// With an owner connection (<c>ConnectionStrings:Migrations</c>) the scripts run as the schema owner, which then
/// grants the broker's runtime role what it needs and no more (<see cref="RuntimeRoleGrants"/>): the runtime role can
/// read and append the history but never change it. Without one, the broker's own connection migrates and owns the
/// schema, as in development.
/// </remarks>
public sealed class MigrationRunner(NpgsqlDataSource dataSource, string? ownerConnectionString = null)
{
    public const string HangfireSchema = "hangfire";

    // Any constant unique to this application; pg_advisory_lock keys are database-wide.
    private const long AdvisoryLockKey = 0x44414231; // "DAB1"

    public async Task<IReadOnlyList<string>> ApplyAsync(CancellationToken cancellationToken = default)
    {
        if (ownerConnectionString is null) return await ApplyAsync(dataSource, null, cancellationToken);
        // The role the broker connects as, named in its connection string: granting privileges needs a name.
        var runtimeRole = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Username is { Length: > 0 } name
            ? name
            : throw new InvalidOperationException(
                "ConnectionStrings:Broker names no Username: with ConnectionStrings:Migrations set, the schema owner " +
                "grants that role its privileges, so the broker's connection string must name it.");
        await using var owner = NpgsqlDataSource.Create(ownerConnectionString);
        return await ApplyAsync(owner, runtimeRole, cancellationToken);
    }

    private static async Task<IReadOnlyList<string>> ApplyAsync(
        NpgsqlDataSource schemaOwner, string? runtimeRole, CancellationToken cancellationToken)
    {
        await using var connection = await schemaOwner.OpenConnectionAsync(cancellationToken);
        await Execute(connection, null, $"select pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await Execute(connection, null, """
                create table if not exists schema_migrations (
                    version integer primary key,
                    name text not null,
                    applied_time timestamptz not null default now())
                """, cancellationToken);
            var applied = new HashSet<int>();
            await using (var query = new NpgsqlCommand("select version from schema_migrations", connection))
            await using (var reader = await query.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken)) applied.Add(reader.GetInt32(0));
            }

            var newlyApplied = new List<string>();
            foreach (var (version, name, sql) in Scripts().Where(s => !applied.Contains(s.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await Execute(connection, transaction, sql, cancellationToken);
                await using var record = new NpgsqlCommand(
                    "insert into schema_migrations (version, name) values ($1, $2)", connection, transaction);
                record.Parameters.AddValues(version, name);
                await record.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                newlyApplied.Add(name);
            }

            PostgreSqlObjectsInstaller.Install(connection, HangfireSchema);
            // Under the lock too: PostgreSQL refuses concurrent grants on one object ("tuple concurrently updated").
            if (runtimeRole is not null) await RuntimeRoleGrants.GrantAsync(connection, runtimeRole, cancellationToken);
            return newlyApplied;
        }
        finally
        {
            await Execute(connection, null, $"select pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    /// <summary>The newest migration this build carries: a database behind it is not ready for this broker.</summary>
    public static int LatestVersion { get; } = Scripts().Max(s => s.Version);

    /// <returns>The newest migration applied to the database, or 0 before the first.</returns>
    public async Task<int> AppliedVersionAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select coalesce((select max(version) from schema_migrations), 0) where to_regclass('schema_migrations') is not null");
        return await command.ExecuteScalarAsync(cancellationToken) is int version ? version : 0;
    }

    private static IEnumerable<(int Version, string Name, string Sql)> Scripts()
    {
        var assembly = Assembly.GetExecutingAssembly();
        const string prefix = "Migrations.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var name = n[prefix.Length..^".sql".Length];
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return (int.Parse(name[..name.IndexOf('_')]), name, reader.ReadToEnd());
            })
            .OrderBy(s => s.Item1);
    }

    private static async Task Execute(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
