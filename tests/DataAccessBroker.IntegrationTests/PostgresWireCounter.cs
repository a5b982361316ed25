using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace DataAccessBroker.IntegrationTests;

/// <summary>
/// A loopback proxy in front of PostgreSQL that reads what clients send (the frontend side of the wire protocol) and
/// counts it, so a test can tell how many round trips, statements and transactions an operation cost, whatever the
/// client library does internally. A round trip is what the client writes at once before it waits for the server:
/// messages ending in a Sync (end of an extended-protocol exchange) or a simple Query, however many statements they
/// pipeline.
/// </summary>
public sealed class PostgresWireCounter : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Lock _gate = new();
    private Counts _counts = new(0, 0, 0);

    public PostgresWireCounter(string serverConnectionString)
    {
        var server = new NpgsqlConnectionStringBuilder(serverConnectionString);
        _server = new IPEndPoint(IPAddress.Parse(server.Host == "localhost" ? "127.0.0.1" : server.Host!), server.Port);
        _listener.Start();
        _ = AcceptAsync();
    }

    /// <summary>What was sent so far: round trips, statements executed, and transactions committed.</summary>
    public Counts Current
    {
        get
        {
            lock (_gate) return _counts;
        }
    }

    /// <summary>A connection string that goes through this proxy.</summary>
    public string ConnectionStringFor(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString)
        {
            Host = "127.0.0.1", Port = ((IPEndPoint)_listener.LocalEndpoint).Port, SslMode = SslMode.Disable,
        }.ConnectionString;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await Task.WhenAll(_connections.Select(c => c.ContinueWith(_ => { })));
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            lock (_gate) _connections.Add(RelayAsync(client));
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            await server.ConnectAsync(_server, _stop.Token);
            var fromClient = client.GetStream();
            var toServer = server.GetStream();
            using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var back = toServer.CopyToAsync(fromClient, done.Token);
            var forth = CountAndForwardAsync(fromClient, toServer, done.Token);
            await Task.WhenAny(back, forth);
            await done.CancelAsync();
            await Task.WhenAll(back, forth).ContinueWith(_ => { });
        }
    }

    private async Task CountAndForwardAsync(Stream client, Stream server, CancellationToken cancellationToken)
    {
        // The startup message, and the SSL or GSS encryption requests that may come before it, have no type byte.
        const int SslRequest = 80877103, GssEncryptionRequest = 80877104;
        int code;
        do
        {
            var length = await ReadInt32Async(client, server, cancellationToken);
            code = await ReadInt32Async(client, server, cancellationToken);
            await CopyAsync(client, server, length - 8, cancellationToken);
        }
        while (code is SslRequest or GssEncryptionRequest);

        // Then typed messages. What the client writes at once (one flush) arrives as one chunk: it is one round trip
        // if it ends an exchange (a Sync or a simple Query), however many statements it pipelines.
        var pending = new List<byte>();
        var chunk = new byte[1 << 16];
        while (true)
        {
            var read = await client.ReadAsync(chunk, cancellationToken);
            if (read == 0) return;
            pending.AddRange(chunk.AsSpan(0, read));
            var endsExchange = false;
            var consumed = 0;
            while (pending.Count - consumed >= 5)
            {
                var length = BinaryPrimitives.ReadInt32BigEndian(CollectionsMarshal.AsSpan(pending).Slice(consumed + 1, 4));
                if (pending.Count - consumed < 1 + length) break;
                var type = (char)pending[consumed];
                endsExchange |= type is 'S' or 'Q';
                Count(type, pending.GetRange(consumed + 5, length - 4).ToArray());
                consumed += 1 + length;
            }

            // Counted before it is forwarded: once the client has its answer, the count includes what it sent.
            if (endsExchange) lock (_gate) _counts = _counts with { RoundTrips = _counts.RoundTrips + 1 };
            await server.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
            pending.RemoveRange(0, consumed);
        }
    }

    private void Count(char type, byte[] body)
    {
        // Query: the SQL text; Parse: a statement name, then the SQL text.
        var sql = type switch
        {
            'Q' => Text(body, 0),
            'P' => Text(body, Array.IndexOf(body, (byte)0) + 1),
            _ => null,
        };
        var commits = sql is not null && sql.TrimStart().StartsWith("COMMIT", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        var statements = type is 'Q' or 'E' ? 1 : 0;
        lock (_gate) _counts = _counts with { Statements = _counts.Statements + statements, Commits = _counts.Commits + commits };
    }

    private static string Text(byte[] body, int start) =>
        Encoding.UTF8.GetString(body, start, Math.Max(0, Array.IndexOf(body, (byte)0, start) - start));

    private static async Task<int> ReadInt32Async(Stream from, Stream to, CancellationToken cancellationToken)
    {
        var bytes = new byte[4];
        await from.ReadExactlyAsync(bytes, cancellationToken);
        await to.WriteAsync(bytes, cancellationToken);
        return BinaryPrimitives.ReadInt32BigEndian(bytes);
    }

    private static async Task CopyAsync(Stream from, Stream to, int count, CancellationToken cancellationToken)
    {
        var bytes = new byte[count];
        await from.ReadExactlyAsync(bytes, cancellationToken);
        await to.WriteAsync(bytes, cancellationToken);
    }

    /// <summary>Counts so far; subtract two to get what happened in between.</summary>
    public sealed record Counts(long RoundTrips, long Statements, long Commits)
    {
        public static Counts operator -(Counts after, Counts before) =>
            new(after.RoundTrips - before.RoundTrips, after.Statements - before.Statements, after.Commits - before.Commits);
    }
}
