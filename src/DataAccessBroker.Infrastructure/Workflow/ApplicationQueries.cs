using DataAccessBroker.Domain.Access;
using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Errors;
using DataAccessBroker.Infrastructure.Audit;
using DataAccessBroker.Infrastructure.Persistence;
using DataAccessBroker.Infrastructure.Sla;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Workflow;

/// <summary>
/// The read use cases, each scoped to what the caller may see, with the SLA timers that give deadlines. Those that
/// return an application's content or history (<c>read</c> names the RPC) record it in the access log
/// when the caller is not its applicant, before they return (<see cref="AccessLog"/>). The queue does not: its lines
/// name an application by title only.
/// </summary>
public sealed class ApplicationQueries(NpgsqlDataSource dataSource, ApplicationStore store)
{
    public async Task<ApplicationView> GetAsync(Guid id, Caller caller, string read, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var view = await GetVisibleAsync(connection, id, caller, cancellationToken);
        await AccessLog.RecordAsync(connection, caller, read, [view.Application], cancellationToken);
        return view;
    }

    public async Task<Page<ApplicationView>> ListAsync(
        Caller caller, string read, int pageSize, PageCursor? after, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var page = await ApplicationRepository.ListVisibleAsync(connection, caller, pageSize, after, cancellationToken);
        var views = await store.LoadViewsAsync(connection, page.Items.Select(i => i.Id).ToList(), cancellationToken);
        await AccessLog.RecordAsync(connection, caller, read, views.Select(v => v.Application), cancellationToken);
        return new Page<ApplicationView>(views, page.Next);
    }

    public async Task<Page<ApplicationEvent>> ListEventsAsync(
        Guid id, Caller caller, string read, int pageSize, int afterSequence, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var view = await GetVisibleAsync(connection, id, caller, cancellationToken);
        await AccessLog.RecordAsync(connection, caller, read, [view.Application], cancellationToken);
        return await ApplicationRepository.ListEventsAsync(connection, id, pageSize, afterSequence, cancellationToken);
    }

    /// <summary>The caller's queue as filtered, most urgent (earliest deadline) first.</summary>
    public async Task<Page<(ApplicationView View, StageTask Task)>> ListQueuedTasksAsync(
        Caller caller, TaskQueueFilter filter, int pageSize, PageCursor? after, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var page = await ApplicationRepository.ListQueuedTasksAsync(connection, caller, filter, pageSize, after, cancellationToken);
        var views = (await store.LoadViewsAsync(connection, page.Items.Select(i => i.ApplicationId).ToList(),
            cancellationToken)).ToDictionary(v => v.Application.Id);
        return new Page<(ApplicationView, StageTask)>(
            page.Items.Select(i => (views[i.ApplicationId], views[i.ApplicationId].Application.FindTask(i.TaskId))).ToList(),
            page.Next);
    }

    private async Task<ApplicationView> GetVisibleAsync(
        NpgsqlConnection connection, Guid id, Caller caller, CancellationToken cancellationToken)
    {
        var found = await store.LoadViewsAsync(connection, [id], cancellationToken);
        return found.Count == 1 && ApplicationAccess.CanSee(caller, found[0].Application)
            ? found[0]
            : throw new NotFoundException(ResourceNames.Application(id));
    }
}
