using System.Net.Sockets;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Persistence;

/// <summary>
/// Tells a database that cannot serve right now (down, starting up, shutting down, out of connections, or a
/// connection lost mid-call) from a fault in the broker: the first is worth retrying a moment later, the second not.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>What clients are told to wait before they retry.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    public static bool Is(Exception exception) => exception switch
    {
        PostgresException e => e.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
                               || e.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                                   or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections
                                   or PostgresErrorCodes.InsufficientResources,
        NpgsqlException e => e.IsTransient || e.InnerException is SocketException or IOException or TimeoutException,
        SocketException or TimeoutException => true,
        _ => false,
    };
}
