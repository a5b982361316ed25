using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Errors;
using DataAccessBroker.Domain.Federation;
using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Infrastructure.Observability;
using DataAccessBroker.Infrastructure.Persistence;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Federation;

/// <summary>
/// Takes messages from peer nodes. Each is stored once (by sender and message id) and applied in its stream's order:
/// one that arrives before an earlier one of its stream waits in the inbox until the gap is filled; a repeat is
/// acknowledged and changes nothing. Applying is a change to the application like any command, in the same
/// transaction as the inbox and stream bookkeeping, so a message is applied exactly once. A node may only send
/// messages about applications it is party to; anything else is NOT_FOUND.
/// </summary>
public sealed class FederationInbox(
    NpgsqlDataSource dataSource,
    ApplicationStore store,
    CatalogRepository catalogs,
    SlaPolicy policy,
    FederationOptions federation,
    BrokerMetrics metrics,
    TimeProvider clock)
{
    /// <returns>True when the message was new (applied, or kept until an earlier one arrives); false for a repeat.</returns>
    public Task<bool> ReceiveAsync(NodeEnvelope envelope, CancellationToken cancellationToken) =>
        TransientConflicts.RetryAsync(() => AttemptAsync(envelope, cancellationToken), cancellationToken);

    private async Task<bool> AttemptAsync(NodeEnvelope envelope, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (party, stored, run) = await StoreAndReadRunAsync(connection, transaction, envelope, cancellationToken);
        // What the round trip wrote for a stranger is rolled back with the transaction.
        if (!party) throw new NotFoundException(ResourceNames.Application(envelope.HomeApplication));
        if (!stored) return false;
        if (run.Count > 0) await ApplyAsync(connection, transaction, envelope, run, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// One round trip: takes the stream's row lock (deliveries of one stream, and their changes, go one at a time),
    /// checks that the sender is party to the application, stores the message once by id, and reads the run of
    /// stored messages that can be applied now: the unbroken sequence that follows the last one applied.
    /// </summary>
    private async Task<(bool Party, bool Stored, List<NodeEnvelope> Run)> StoreAndReadRunAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, NodeEnvelope envelope,
        CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(ParameterValues.Statement("""
            insert into node_streams (sender, home_application, last_applied) values ($1, $2, 0) on conflict do nothing
            """, envelope.Sender, envelope.HomeApplication));
        batch.BatchCommands.Add(ParameterValues.Statement("""
            select last_applied from node_streams where sender = $1 and home_application = $2 for update
            """, envelope.Sender, envelope.HomeApplication));
        batch.BatchCommands.Add(ParameterValues.Statement(PartySql(envelope.Body), envelope.Sender, envelope.HomeApplication));
        batch.BatchCommands.Add(ParameterValues.Statement("""
            with stored as (
                insert into node_inbox (sender, message_id, home_application, sequence, kind, payload, received_time)
                values ($1, $2, $3, $4, $5, $6::jsonb, $7) on conflict (sender, message_id) do nothing
                returning 1)
            select count(*) from stored
            """, envelope.Sender, envelope.MessageId, envelope.HomeApplication, envelope.Sequence,
            FederationMessageJson.KindOf(envelope.Body), FederationMessageJson.Serialize(envelope.Body),
            clock.GetStoredUtcNow()));
        batch.BatchCommands.Add(ParameterValues.Statement("""
            select message_id, sequence, kind, payload::text, received_time from node_inbox
            where sender = $1 and home_application = $2 and applied_time is null
              and sequence > (select last_applied from node_streams where sender = $1 and home_application = $2)
            order by sequence
            """, envelope.Sender, envelope.HomeApplication));
        try
        {
            await using var r = await batch.ExecuteReaderAsync(cancellationToken);
            await r.ReadAsync(cancellationToken);
            var last = r.GetInt32(0);
            await r.NextResultAsync(cancellationToken);
            await r.ReadAsync(cancellationToken);
            var party = r.GetBoolean(0);
            await r.NextResultAsync(cancellationToken);
            await r.ReadAsync(cancellationToken);
            var stored = r.GetInt64(0) == 1;
            await r.NextResultAsync(cancellationToken);
            var run = new List<NodeEnvelope>();
            while (await r.ReadAsync(cancellationToken) && r.GetInt32(1) == last + run.Count + 1)
            {
                run.Add(new NodeEnvelope(r.GetGuid(0), envelope.Sender, envelope.HomeApplication, r.GetInt32(1),
                    r.GetFieldValue<DateTimeOffset>(4), FederationMessageJson.Deserialize(r.GetString(2), r.GetString(3))));
            }

            return (party, stored, run);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new InvalidInputException("message.sequence",
                $"another message of this application already has sequence number {envelope.Sequence}");
        }
    }

    /// <summary>
    /// Home → peer messages concern a part the sender forwarded here (a forward makes one); peer → home messages an
    /// application homed here that asks for the sender's sources.
    /// </summary>
    private static string PartySql(FederationMessage body) => body switch
    {
        FederationMessage.Forward => "select $1::text is not null and $2::uuid is not null",
        FederationMessage.Resubmit or FederationMessage.Withdraw => """
            select exists (select 1 from applications where origin_node = $1 and origin_application = $2)
                or exists (select 1 from node_inbox where sender = $1 and home_application = $2 and kind = 'Forward')
            """,
        _ => """
            select exists (select 1 from applications a where a.id = $2 and a.origin_node is null
                           and exists (select 1 from jsonb_each_text(a.source_nodes) n where n.value = $1))
            """,
    };

    /// <summary>
    /// Applies a run of messages to their application (loaded once) and stores it with the inbox and stream
    /// bookkeeping. A domain refusal fails the delivery: it rolls back, the sender keeps the message and retries, and
    /// the admin sees it failing; nothing is dropped.
    /// </summary>
    private async Task ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, NodeEnvelope envelope, List<NodeEnvelope> run,
        CancellationToken cancellationToken)
    {
        var now = clock.GetStoredUtcNow();
        var node = NodeActors.For(envelope.Sender, federation);
        var replies = new List<(Guid HomeApplication, FederationMessage Message)>();
        var tracked = await LoadAsync(connection, transaction, envelope, now, cancellationToken);
        foreach (var message in run)
        {
            if (message.Body is FederationMessage.Forward forward)
            {
                // A second forward of a part that is here already changes nothing.
                tracked ??= await ForwardedAsync(envelope, forward, node, now, replies, cancellationToken);
                continue;
            }

            // Nothing to change when the part was refused on arrival (its refusal went home).
            var application = tracked?.Application;
            switch (message.Body)
            {
                case FederationMessage.Resubmit resubmit:
                    application?.ResubmitFromHome(node, resubmit.Part, resubmit.Comment, now);
                    break;
                case FederationMessage.Withdraw withdraw:
                    application?.WithdrawFromHome(node, withdraw.Reason, now);
                    break;
                case FederationMessage.Status status:
                    application?.RecordPeerStatus(node, status.State, now);
                    break;
                case FederationMessage.ChangesRequested changes:
                    application?.RecordPeerChangesRequested(node, changes.Comment, now);
                    break;
                case FederationMessage.Decision decision:
                    application?.RecordPeerDecision(node, decision.Approved, decision.Conditions, decision.Comment, now);
                    break;
                case FederationMessage.Delivered delivered:
                    application?.RecordPeerDelivery(node, delivered.DataSource, delivered.Comment, now);
                    break;
            }
        }

        var change = tracked?.Complete(policy, now);
        await store.SaveAsync(connection, transaction, change is null ? [] : [change], cancellationToken,
            [.. Bookkeeping(envelope, run, now), .. new[] { NodeOutbox.Insert(replies, now) }.OfType<NpgsqlBatchCommand>()]);
        if (change is not null) metrics.Recorded(change);
    }

    /// <summary>
    /// A part forwarded to this node becomes an application here, submitted at once into this node's own workflow.
    /// One this node cannot take (a source it does not hold, say) is answered with a rejection rather than lost.
    /// </summary>
    private async Task<TrackedApplication?> ForwardedAsync(
        NodeEnvelope envelope, FederationMessage.Forward forward, Actor node, DateTimeOffset now,
        List<(Guid, FederationMessage)> replies, CancellationToken cancellationToken)
    {
        var catalog = await catalogs.SnapshotAsync(cancellationToken);
        var part = forward.Part with { RekCommittee = federation.EthicsCommitteeForForwarded };
        var application = DataAccessApplication.CreateForwarded(Guid.CreateVersion7(now),
            new ApplicationOrigin(envelope.Sender, envelope.HomeApplication), node, forward.Applicant, part, now);
        try
        {
            var violations = ApplicationDetailsValidator.Validate(part, catalog);
            if (violations.Count > 0) throw new InvalidInputException(violations);
            if (part.DataSources.Any(s => catalog.NodeOf(s.DataSource) != catalog.LocalNode))
            {
                throw new InvalidInputException("data_sources", "a forwarded part may only ask for this node's sources");
            }

            application.Submit(node, catalog, now);
        }
        catch (DomainException e)
        {
            replies.Add((envelope.HomeApplication, new FederationMessage.Decision(envelope.Sender, false,
                $"the part cannot be taken here: {e.Message}", null)));
            return null;
        }

        return TrackedApplication.New(application);
    }

    /// <summary>The application a stream concerns, locked: the part forwarded here, or the application homed here.</summary>
    private async Task<TrackedApplication?> LoadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, NodeEnvelope envelope, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        Guid? id = envelope.HomeApplication;
        if (envelope.Body is FederationMessage.Forward or FederationMessage.Resubmit or FederationMessage.Withdraw)
        {
            await using var command = new NpgsqlCommand(
                "select id from applications where origin_node = $1 and origin_application = $2", connection, transaction);
            command.Parameters.AddValues(envelope.Sender, envelope.HomeApplication);
            id = await command.ExecuteScalarAsync(cancellationToken) as Guid?;
        }

        if (id is null) return null;
        var (loaded, _) = await store.LoadForUpdateAsync(connection, transaction, [id.Value], false, cancellationToken);
        var tracked = loaded.GetValueOrDefault(id.Value);
        tracked?.Settle(policy, now);
        return tracked;
    }

    private static IEnumerable<NpgsqlBatchCommand> Bookkeeping(NodeEnvelope envelope, List<NodeEnvelope> run, DateTimeOffset now)
    {
        yield return ParameterValues.Statement("""
            update node_streams set last_applied = $3 where sender = $1 and home_application = $2
            """, envelope.Sender, envelope.HomeApplication, run[^1].Sequence);
        yield return ParameterValues.Statement("""
            update node_inbox set applied_time = $3 where sender = $1 and message_id = any($2)
            """, envelope.Sender, run.Select(m => m.MessageId).ToArray(), now);
    }
}
