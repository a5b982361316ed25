using DataAccessBroker.Domain.Access;
using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Catalog;
using DataAccessBroker.Domain.Errors;
using DataAccessBroker.Infrastructure.Persistence;
using DataAccessBroker.Infrastructure.Sla;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Workflow;

/// <summary>
/// The write use cases: each loads the application under a row lock, checks who may act, runs one domain command and
/// stores the new state with its events and SLA timers in the same transaction, then schedules the timers' jobs.
/// A refused command rolls back and writes nothing.
/// </summary>
public sealed class ApplicationCommands(
    NpgsqlDataSource dataSource,
    ApplicationRepository applications,
    CatalogRepository catalog,
    IdempotencyStore idempotency,
    TimedApplicationWriter writer,
    ISlaScheduler scheduler,
    TimeProvider clock)
{
    /// <summary>Creates a draft and returns the rendered response; a repeated request id returns the stored one.</summary>
    public async Task<byte[]> CreateDraftAsync(
        Caller caller, ApplicationDetails details, IdempotencyKey? key, Func<DataAccessApplication, byte[]> render,
        CancellationToken cancellationToken)
    {
        RequireValid(details, await catalog.SnapshotAsync(cancellationToken));
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
        await applications.SaveAsync(connection, transaction, application, cancellationToken);
        var rendered = render(application);
        if (key is not null)
        {
            await idempotency.StoreResponseAsync(connection, transaction, key, rendered, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return rendered;
    }

    public async Task<ApplicationView> EditAsync(
        Guid id, Caller caller, string? etag, Func<ApplicationDetails, ApplicationDetails> edit,
        CancellationToken cancellationToken)
    {
        var snapshot = await catalog.SnapshotAsync(cancellationToken);
        return await ChangeAsOwnerAsync(id, caller, etag, (application, actor, now) =>
        {
            var details = edit(application.Details);
            RequireValid(details, snapshot);
            application.Edit(details, actor, now);
        }, cancellationToken);
    }

    public async Task<ApplicationView> SubmitAsync(
        Guid id, Caller caller, string? etag, CancellationToken cancellationToken)
    {
        var snapshot = await catalog.SnapshotAsync(cancellationToken);
        return await ChangeAsOwnerAsync(id, caller, etag,
            (application, actor, now) => application.Submit(actor, snapshot, now), cancellationToken);
    }

    public Task<ApplicationView> ResubmitAsync(
        Guid id, Caller caller, string? etag, string? comment, CancellationToken cancellationToken) =>
        ChangeAsOwnerAsync(id, caller, etag,
            (application, actor, now) => application.Resubmit(actor, comment, now), cancellationToken);

    public Task<ApplicationView> WithdrawAsync(
        Guid id, Caller caller, string? etag, string? comment, CancellationToken cancellationToken) =>
        ChangeAsOwnerAsync(id, caller, etag,
            (application, actor, now) => application.Withdraw(actor, comment, now), cancellationToken);

    /// <summary>
    /// A reviewer decides a task of its own organisation and stage; anything else is NOT_FOUND. The decision runs
    /// with the role that entitles the caller to it, which is what the event records.
    /// </summary>
    public async Task<(ApplicationView View, StageTask Task)> DecideAsync(
        Guid applicationId, Guid taskId, Caller caller, string? etag,
        Action<DataAccessApplication, Actor, DateTimeOffset> decide, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var application = await applications.LoadForUpdateAsync(connection, transaction, applicationId, cancellationToken);
        var task = application?.Tasks.FirstOrDefault(t => t.Id == taskId);
        var role = task is null ? null : ApplicationAccess.DecidingRole(caller, task);
        if (application is null || role is null)
        {
            throw new NotFoundException(ResourceNames.Task(applicationId, taskId));
        }

        application.ExpectTaskEtag(taskId, etag);
        var now = clock.GetStoredUtcNow();
        decide(application, caller.ActingAs(role), now);
        var view = await CommitAsync(connection, transaction, application, now, cancellationToken);
        return (view, application.FindTask(taskId));
    }

    private async Task<ApplicationView> ChangeAsOwnerAsync(
        Guid id, Caller caller, string? etag, Action<DataAccessApplication, Actor, DateTimeOffset> change,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var application = await applications.LoadForUpdateAsync(connection, transaction, id, cancellationToken);
        if (application is null || application.OwnerSubject != caller.Subject)
        {
            throw new NotFoundException(ResourceNames.Application(id));
        }

        application.ExpectEtag(etag);
        var now = clock.GetStoredUtcNow();
        change(application, caller.ActingAs(Roles.Applicant), now);
        return await CommitAsync(connection, transaction, application, now, cancellationToken);
    }

    private async Task<ApplicationView> CommitAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, DataAccessApplication application,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var view = await writer.SaveAsync(connection, transaction, application, null, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await scheduler.ScheduleAsync(view.Rescheduled, CancellationToken.None);
        return view;
    }

    private static void RequireValid(ApplicationDetails details, ICatalogSnapshot snapshot)
    {
        var violations = ApplicationDetailsValidator.Validate(details, snapshot);
        if (violations.Count > 0) throw new InvalidInputException(violations);
    }
}
