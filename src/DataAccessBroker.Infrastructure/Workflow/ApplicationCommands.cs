using DataAccessBroker.Domain.Access;
using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Catalog;
using DataAccessBroker.Domain.Errors;
using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Infrastructure.Observability;
using DataAccessBroker.Infrastructure.Persistence;
using DataAccessBroker.Infrastructure.Sla;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Workflow;

/// <summary>
/// The write use cases. A change to an application runs in a transaction of three round trips, shared with whatever
/// other changes are waiting (see <see cref="ChangeBatcher"/>): read the applications (locked) with their timers,
/// write everything the changes produced (state, tasks, events, timers, milestones settled on the way, statistics
/// deltas) in one batch, commit. Nothing runs after the commit: the SLA timers are rows with an indexed due time that
/// the firing process reads, not jobs to schedule. A refused command writes nothing.
/// </summary>
public sealed class ApplicationCommands(
    NpgsqlDataSource dataSource,
    ApplicationStore store,
    ChangeBatcher batcher,
    CatalogRepository catalog,
    IdempotencyStore idempotency,
    SlaPolicy policy,
    BrokerMetrics metrics,
    TimeProvider clock)
{
    /// <summary>Creates a draft and returns the rendered response; a repeated request id returns the stored one.</summary>
    public async Task<byte[]> CreateDraftAsync(
        Caller caller, ApplicationDetails details, IdempotencyKey? key, Func<DataAccessApplication, byte[]> render,
        CancellationToken cancellationToken)
    {
        RequireValid(details, await catalog.SnapshotAsync(cancellationToken));
        using var timing = metrics.Transition("Create");
        return await TransientConflicts.RetryAsync(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (key is not null && !await idempotency.TryClaimAsync(connection, transaction, key, cancellationToken))
            {
                var (requestHash, response) = await idempotency.ReadAsync(connection, transaction, key, cancellationToken);
                if (!requestHash.AsSpan().SequenceEqual(key.RequestHash))
                {
                    throw new InvalidInputException("request_id", "was already used with a different request");
                }

                return response;
            }

            var now = clock.GetStoredUtcNow();
            var application = DataAccessApplication.CreateDraft(
                Guid.CreateVersion7(now), caller.ActingAs(Roles.Applicant), details, now);
            var rendered = render(application);
            await store.SaveAsync(connection, transaction, [TrackedApplication.New(application).Complete(policy, now)],
                cancellationToken, key is null ? [] : [IdempotencyStore.StoreResponse(key, rendered)]);
            await transaction.CommitAsync(cancellationToken);
            timing.Succeeded();
            return rendered;
        }, cancellationToken);
    }

    public Task<ApplicationView> EditAsync(
        Guid id, Caller caller, string? etag, Func<ApplicationDetails, ApplicationDetails> edit,
        CancellationToken cancellationToken) =>
        ChangeAsOwnerAsync("Edit", id, caller, etag, withCatalog: true, (application, actor, snapshot, now) =>
        {
            var details = edit(application.Details);
            RequireValid(details, snapshot!);
            application.Edit(details, actor, now);
        }, cancellationToken);

    public Task<ApplicationView> SubmitAsync(Guid id, Caller caller, string? etag, CancellationToken cancellationToken) =>
        ChangeAsOwnerAsync("Submit", id, caller, etag, withCatalog: true,
            (application, actor, snapshot, now) => application.Submit(actor, snapshot!, now), cancellationToken);

    public Task<ApplicationView> ResubmitAsync(
        Guid id, Caller caller, string? etag, string? comment, CancellationToken cancellationToken) =>
        ChangeAsOwnerAsync("Resubmit", id, caller, etag, withCatalog: false,
            (application, actor, _, now) => application.Resubmit(actor, comment, now), cancellationToken);

    public Task<ApplicationView> WithdrawAsync(
        Guid id, Caller caller, string? etag, string? comment, CancellationToken cancellationToken) =>
        ChangeAsOwnerAsync("Withdraw", id, caller, etag, withCatalog: false,
            (application, actor, _, now) => application.Withdraw(actor, comment, now), cancellationToken);

    /// <summary>
    /// A reviewer decides a task of its own organisation and stage; anything else is NOT_FOUND. The decision runs
    /// with the role that entitles the caller to it, which is what the event records.
    /// </summary>
    public async Task<(ApplicationView View, StageTask Task)> DecideAsync(
        string action, Guid applicationId, Guid taskId, Caller caller, string? etag,
        Action<DataAccessApplication, Actor, DateTimeOffset> decide, CancellationToken cancellationToken)
    {
        var view = await batcher.ChangeAsync(action, applicationId, withCatalog: false, application =>
            {
                var task = application?.Tasks.FirstOrDefault(t => t.Id == taskId);
                var role = task is null ? null : ApplicationAccess.DecidingRole(caller, task);
                if (role is null) throw new NotFoundException(ResourceNames.Task(applicationId, taskId));
                application!.ExpectTaskEtag(taskId, etag);
                return caller.ActingAs(role);
            },
            (application, actor, _, now) => decide(application, actor, now), cancellationToken);
        return (view, view.Application.FindTask(taskId));
    }

    private Task<ApplicationView> ChangeAsOwnerAsync(
        string action, Guid id, Caller caller, string? etag, bool withCatalog,
        Action<DataAccessApplication, Actor, CatalogSnapshot?, DateTimeOffset> change, CancellationToken cancellationToken) =>
        batcher.ChangeAsync(action, id, withCatalog, application =>
        {
            if (application is null || application.OwnerSubject != caller.Subject)
            {
                throw new NotFoundException(ResourceNames.Application(id));
            }

            application.ExpectEtag(etag);
            return caller.ActingAs(Roles.Applicant);
        }, change, cancellationToken);

    private static void RequireValid(ApplicationDetails details, ICatalogSnapshot snapshot)
    {
        var violations = ApplicationDetailsValidator.Validate(details, snapshot);
        if (violations.Count > 0) throw new InvalidInputException(violations);
    }
}
