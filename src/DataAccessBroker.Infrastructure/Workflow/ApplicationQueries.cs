using DataAccessBroker.Domain.Access;
using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Errors;
using DataAccessBroker.Infrastructure.Persistence;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Workflow;

/// <summary>The read use cases, each scoped to what the caller may see.</summary>
public sealed class ApplicationQueries(NpgsqlDataSource dataSource, ApplicationRepository applications)
{
    public async Task<DataAccessApplication> GetAsync(Guid id, Caller caller, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await GetVisibleAsync(connection, id, caller, cancellationToken);
    }

    public async Task<Page<DataAccessApplication>> ListAsync(
        Caller caller, int pageSize, PageCursor? after, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await applications.ListVisibleAsync(connection, caller, pageSize, after, cancellationToken);
    }

    public async Task<Page<ApplicationEvent>> ListEventsAsync(
        Guid id, Caller caller, int pageSize, int afterSequence, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await GetVisibleAsync(connection, id, caller, cancellationToken);
        return await applications.ListEventsAsync(connection, id, pageSize, afterSequence, cancellationToken);
    }

    public async Task<Page<(DataAccessApplication Application, StageTask Task)>> ListOpenTasksAsync(
        Caller caller, int pageSize, PageCursor? after, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await applications.ListOpenTasksAsync(connection, caller, pageSize, after, cancellationToken);
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
