using Npgsql;

namespace DataAccessBroker.Infrastructure.Persistence;

/// <summary>
/// Remembers the response to a create that carried a request id. The key row is inserted first in the creating
/// transaction: a concurrent repeat blocks on the unique key until that transaction ends, then reads its response.
/// </summary>
public sealed class IdempotencyStore
{
    public async Task<bool> TryClaimAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IdempotencyKey key,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            insert into idempotency_keys (caller_subject, request_id, request_hash) values ($1, $2, $3)
            on conflict do nothing
            """, connection, transaction);
        command.Parameters.AddValues(key.CallerSubject, key.RequestId, key.RequestHash);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<(byte[] RequestHash, byte[] Response)> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IdempotencyKey key,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "select request_hash, response from idempotency_keys where caller_subject = $1 and request_id = $2",
            connection, transaction);
        command.Parameters.AddValues(key.CallerSubject, key.RequestId);
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        await r.ReadAsync(cancellationToken);
        return ((byte[])r[0], (byte[])r[1]);
    }

    /// <summary>Stores the response under the claimed key: a statement for the creating transaction's own batch.</summary>
    internal static NpgsqlBatchCommand StoreResponse(IdempotencyKey key, byte[] response) => ParameterValues.Statement(
        "update idempotency_keys set response = $3 where caller_subject = $1 and request_id = $2",
        key.CallerSubject, key.RequestId, response);
}

/// <summary>A request id scoped to its caller, with a hash of the request it first came with.</summary>
public sealed record IdempotencyKey(string CallerSubject, Guid RequestId, byte[] RequestHash);
