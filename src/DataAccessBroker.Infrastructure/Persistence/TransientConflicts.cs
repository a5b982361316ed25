using Npgsql;

namespace DataAccessBroker.Infrastructure.Persistence;

/// <summary>
/// Runs a whole transaction again when PostgreSQL aborted it for a serialisation failure or a deadlock: such an
/// abort means nothing was written, and the same work usually goes through a moment later. After the last attempt the
/// failure goes to the caller (the gRPC layer answers ABORTED).
/// </summary>
public static class TransientConflicts
{
    private const int Attempts = 3;

    public static bool IsConflict(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected };

    public static async Task<T> RetryAsync<T>(Func<Task<T>> transaction, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await transaction();
            }
            catch (Exception e) when (IsConflict(e) && attempt < Attempts)
            {
                // A little jitter, so two transactions that collided do not collide again in step.
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), cancellationToken);
            }
        }
    }
}
