using DataAccessBroker.Domain.Access;
using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Errors;
using DataAccessBroker.Infrastructure.Persistence;
using DataAccessBroker.Infrastructure.Sla;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Workflow;

/// <summary>The read use cases, each scoped to what the caller may see, with the SLA timers that give deadlines.</summary>
public sealed class ApplicationQueries(
    NpgsqlDataSource dataSource, ApplicationRepository applications, SlaTimerRepository timers)
{
    public async Task<ApplicationView> GetAsync(Guid id, Caller caller, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var application = await GetVisibleAsync(connection, id, caller, cancellationToken);
        return (await WithTimersAsync(connection, [application], cancellationToken))[0];
    }

    public async Task<Page<ApplicationView>> ListAsync(
        Caller caller, int pageSize, PageCursor? after, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var page = await applications.ListVisibleAsync(connection, caller, pageSize, after, cancellationToken);
        return new Page<ApplicationView>(await WithTimersAsync(connection, page.Items, cancellationToken), page.Next);
    }

    public async Task<Page<ApplicationEvent>> ListEventsAsync(
        Guid id, Caller caller, int pageSize, int afterSequence, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await GetVisibleAsync(connection, id, caller, cancellationToken);
        return await applications.ListEventsAsync(connection, id, pageSize, afterSequence, cancellationToken);
    }

    /// <summary>The caller's open tasks, most urgent (earliest deadline) first.</summary>
    public async Task<Page<(ApplicationView View, StageTask Task)>> ListOpenTasksAsync(
        Caller caller, int pageSize, PageCursor? after, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var page = await applications.ListOpenTasksAsync(connection, caller, pageSize, after, cancellationToken);
        var views = (await WithTimersAsync(connection, page.Items.Select(i => i.Application).DistinctBy(a => a.Id).ToList(),
            cancellationToken)).ToDictionary(v => v.Application.Id);
        return new Page<(ApplicationView, StageTask)>(
            page.Items.Select(i => (views[i.Application.Id], i.Task)).ToList(), page.Next);
    }

    private async Task<List<ApplicationView>> WithTimersAsync(
        NpgsqlConnection connection, IReadOnlyList<DataAccessApplication> found, CancellationToken cancellationToken)
    {
        var all = await timers.LoadForApplicationsAsync(connection, null, found.Select(a => a.Id).ToList(), cancellationToken);
        var byApplication = all.ToLookup(t => t.ApplicationId);
        return found.Select(a => new ApplicationView(a, byApplication[a.Id].ToList())).ToList();
    }

    private async Task<DataAccessApplication> GetVisibleAsync(
        NpgsqlConnection connection, Guid id, Caller caller, CancellationToken cancellationToken)
    {
        var application = await applications.LoadAsync(connection, id, cancellationToken);
        return application is not null && ApplicationAccess.CanSee(caller, application)
            ? application
            : throw new NotFoundException(ResourceNames.Application(id));
    }
}
