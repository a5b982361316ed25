using Npgsql;

namespace DataAccessBroker.Infrastructure.Persistence;

/// <summary>
/// What the schema owner grants the broker's runtime role once the migrations have run (README, "Database roles"):
/// reading and writing the working tables, Hangfire's schema, the sequences and functions; but on the history and the
/// access log only reading and appending, so that the broker (or whoever takes over its connection) cannot change or
/// remove what they record. Run on every start, after the migrations, so tables a later migration adds are covered;
/// in one transaction, so the role never holds more than this, not even between two statements.
/// </summary>
internal static class RuntimeRoleGrants
{
    /// <summary>The tables the runtime role may read and append to, and nothing else: the history and the access log.</summary>
    public static readonly IReadOnlyList<string> AppendOnlyTables = ["application_events", "application_access"];

    public static async Task GrantAsync(NpgsqlConnection owner, string runtimeRole, CancellationToken cancellationToken)
    {
        await using (var whoAmI = new NpgsqlCommand("select current_user = $1", owner))
        {
            whoAmI.Parameters.AddValues(runtimeRole);
            // One role for both connections owns the schema: it keeps every privilege (revoking its own would only
            // stop later migrations), and the audit report says that the history is not protected.
            if (await whoAmI.ExecuteScalarAsync(cancellationToken) is true) return;
        }

        var role = QuoteIdentifier(runtimeRole);
        var appendOnly = string.Join(", ", AppendOnlyTables);
        await using var transaction = await owner.BeginTransactionAsync(cancellationToken);
        await using var grant = new NpgsqlCommand($"""
            grant usage on schema public, {MigrationRunner.HangfireSchema} to {role};
            grant select, insert, update, delete on all tables in schema public to {role};
            grant usage, select on all sequences in schema public to {role};
            grant execute on all functions in schema public to {role};
            grant all on all tables in schema {MigrationRunner.HangfireSchema} to {role};
            grant all on all sequences in schema {MigrationRunner.HangfireSchema} to {role};
            revoke all on {appendOnly} from {role};
            grant select, insert on {appendOnly} to {role};
            """, owner, transaction);
        try
        {
            await grant.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedObject)
        {
            throw new InvalidOperationException(
                $"The runtime role {role} of ConnectionStrings:Broker does not exist: create it (create role {role} " +
                "login, no superuser) before the broker starts; the schema owner grants it the rest.", e);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>A role name as a quoted SQL identifier, whatever characters it holds: grants take no parameters.</summary>
    public static string QuoteIdentifier(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
