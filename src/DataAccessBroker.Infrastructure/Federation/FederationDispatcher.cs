using DataAccessBroker.Infrastructure.Persistence;
using DataAccessBroker.Infrastructure.Processes;
using Hangfire.Server;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Federation;

/// <summary>
/// Sends the outbox to the peers, in every broker of the node. A pass claims the first unsent message of every stream
/// that is due (a lease: a broker that dies mid-send leaves the message to another after it runs out), sends them,
/// and marks each sent when the peer acknowledged it, or schedules it again with a back-off (1, 2, 4 … 60 s). A
/// message is only ever sent after every earlier one of its stream was acknowledged, so none overtakes another; a
/// repeat after a lost acknowledgement is harmless, as the receiver deduplicates.
/// </summary>
public sealed class FederationDispatcher(
    NpgsqlDataSource dataSource,
    INodeTransport transport,
    NodeOptions node,
    FederationOptions federation,
    TimeProvider clock,
    ProcessHealth health,
    ILogger<FederationDispatcher> logger) : PollingProcess(health, logger)
{
    public const string ProcessName = "federation-dispatch";
    private const int BatchSize = 100;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromMinutes(1);

    public override string Name => ProcessName;

    public override TimeSpan Interval => federation.DispatchInterval;

    /// <summary>Listens on <see cref="NodeOutbox.Channel"/> while it pauses; null until the first pause, or after the connection broke.</summary>
    private NpgsqlConnection? _listener;

    /// <summary>
    /// Waits for the next interval, or less: until a change commits messages to the outbox. A notification that comes
    /// during a pass stays in the connection's buffer and ends the next wait at once, so none is missed.
    /// </summary>
    protected override void Pause(BackgroundProcessContext context)
    {
        try
        {
            WaitForOutboxAsync(context.StoppingToken).GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            _listener?.Dispose();
            _listener = null;
            if (context.IsStopping) return;
            logger.LogDebug(e, "Listening for outbox notifications failed; pausing the full interval");
            context.Wait(Interval);
        }
    }

    private async Task WaitForOutboxAsync(CancellationToken cancellationToken)
    {
        if (_listener is null)
        {
            var listener = await dataSource.OpenConnectionAsync(cancellationToken);
            await using (var listen = new NpgsqlCommand($"listen {NodeOutbox.Channel}", listener))
            {
                await listen.ExecuteNonQueryAsync(cancellationToken);
            }

            _listener = listener;
        }

        await _listener.WaitAsync(Interval, cancellationToken);
    }

    /// <summary>Passes until nothing more is due: a stream's next message goes out as soon as the one before it is acknowledged.</summary>
    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        while (await SendDueAsync(cancellationToken) > 0)
        {
        }
    }

    /// <returns>How many messages this pass got acknowledged.</returns>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var claimed = await ClaimAsync(cancellationToken);
        if (claimed.Count == 0) return 0;

        var outcomes = await Task.WhenAll(claimed.Select(async message =>
        {
            var peer = federation.Peer(message.Peer);
            if (peer is null) return (message, Error: $"'{message.Peer}' is not a configured peer");
            try
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                deadline.CancelAfter(TimeSpan.FromSeconds(10));
                await transport.DeliverAsync(peer, message.Envelope(node.Code), deadline.Token);
                return (message, Error: (string?)null);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                return (message, Error: e.Message);
            }
        }));

        await RecordAsync(outcomes, cancellationToken);
        foreach (var (message, error) in outcomes.Where(o => o.Error is not null && o.message.Attempts == 0))
        {
            logger.LogWarning("Message {Sequence} of {Application} to {Peer} failed, retrying with back-off: {Error}",
                message.Sequence, message.HomeApplication, message.Peer, error);
        }

        return outcomes.Count(o => o.Error is null);
    }

    private async Task<List<OutboxMessage>> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetStoredUtcNow();
        await using var command = dataSource.CreateCommand("""
            with heads as (
                select o.id from node_outbox o
                where o.sent_time is null and o.next_attempt_time <= $1
                  and not exists (select 1 from node_outbox e
                                  where e.peer = o.peer and e.home_application = o.home_application
                                    and e.sequence < o.sequence and e.sent_time is null)
                order by o.id limit $2
                for update skip locked)
            update node_outbox o set next_attempt_time = $3
            from heads where o.id = heads.id
            returning o.id, o.peer, o.home_application, o.sequence, o.message_id, o.kind, o.payload::text,
                      o.create_time, o.attempts
            """);
        command.Parameters.AddValues(now, BatchSize, now + Lease);
        var claimed = new List<OutboxMessage>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            claimed.Add(new OutboxMessage(r.GetInt64(0), r.GetString(1), r.GetGuid(2), r.GetInt32(3), r.GetGuid(4),
                r.GetString(5), r.GetString(6), r.GetFieldValue<DateTimeOffset>(7), r.GetInt32(8)));
        }

        return claimed;
    }

    private async Task RecordAsync(
        IReadOnlyCollection<(OutboxMessage Message, string? Error)> outcomes, CancellationToken cancellationToken)
    {
        var now = clock.GetStoredUtcNow();
        var sent = outcomes.Where(o => o.Error is null).ToList();
        var failed = outcomes.Where(o => o.Error is not null).ToList();
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(ParameterValues.Statement(
            "update node_outbox set sent_time = $2, last_error = null where id = any($1)",
            sent.Select(o => o.Message.Id).ToArray(), now));
        batch.BatchCommands.Add(new ColumnArrays<(OutboxMessage Message, string? Error)>(failed)
            .Column(o => o.Message.Id).Column(o => now + BackOff(o.Message.Attempts + 1)).Column(o => o.Error)
            .Command("""
                update node_outbox o set attempts = o.attempts + 1, next_attempt_time = u.next_attempt_time,
                    last_error = u.last_error
                from unnest($1::bigint[], $2::timestamptz[], $3::text[]) as u(id, next_attempt_time, last_error)
                where o.id = u.id
                """));
        var peers = outcomes.GroupBy(o => o.Message.Peer)
            .Select(g => (Peer: g.Key, Error: g.Select(o => o.Error).LastOrDefault(e => e is not null),
                Succeeded: g.Any(o => o.Error is null)))
            .ToList();
        batch.BatchCommands.Add(new ColumnArrays<(string Peer, string? Error, bool Succeeded)>(peers)
            .Column(p => p.Peer).Column(p => p.Succeeded ? now : (DateTimeOffset?)null)
            .Column(p => p.Error is null ? (DateTimeOffset?)null : now).Column(p => p.Error)
            .Command(PeerStatusUpsert));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records how the link to each peer fares: the last success, the last failure and its reason.</summary>
    internal const string PeerStatusUpsert = """
        insert into federation_peers as f (code, last_success_time, last_failure_time, last_error)
        select * from unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::text[])
        on conflict (code) do update set
            last_success_time = coalesce(excluded.last_success_time, f.last_success_time),
            last_failure_time = coalesce(excluded.last_failure_time, f.last_failure_time),
            last_error = coalesce(excluded.last_error, f.last_error)
        """;

    private static TimeSpan BackOff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(MaxBackOff.TotalSeconds, Math.Pow(2, Math.Min(attempts - 1, 10))));

    private sealed record OutboxMessage(
        long Id, string Peer, Guid HomeApplication, int Sequence, Guid MessageId, string Kind, string Payload,
        DateTimeOffset CreateTime, int Attempts)
    {
        public NodeEnvelope Envelope(string sender) =>
            new(MessageId, sender, HomeApplication, Sequence, CreateTime, FederationMessageJson.Deserialize(Kind, Payload));
    }
}
