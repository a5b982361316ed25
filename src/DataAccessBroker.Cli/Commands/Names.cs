using DataAccessBroker.Cli.Connection;
using DataAccessBroker.Contracts.V1;

namespace DataAccessBroker.Cli.Commands;

/// <summary>Lets people type the id dab prints instead of a full resource name.</summary>
internal static class Names
{
    public static string Application(string input)
    {
        if (input.StartsWith("applications/", StringComparison.Ordinal)) return input;
        return Guid.TryParse(input, out var id)
            ? $"applications/{id}"
            : throw new UsageException($"'{input}' is not an application id (dab list shows them)");
    }

    /// <summary>
    /// A task id, or the id of an application with exactly one task in the caller's queue, is looked up in the queue,
    /// which also gives the etag the decision is checked with.
    /// </summary>
    public static async Task<StageTask> QueuedTaskAsync(
        BrokerClients clients, string input, CancellationToken cancellationToken)
    {
        var wanted = input.StartsWith("applications/", StringComparison.Ordinal) ? input : null;
        if (wanted is null && !Guid.TryParse(input, out _))
        {
            throw new UsageException($"'{input}' is not a task or application id (dab queue shows them)");
        }

        var matches = (await QueueAsync(clients, cancellationToken)).Where(t => wanted is not null
            ? t.Name == wanted
            : t.Name.EndsWith($"/tasks/{input}", StringComparison.OrdinalIgnoreCase)
              || t.Application.EndsWith($"/{input}", StringComparison.OrdinalIgnoreCase)).ToList();

        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new UsageException($"{input} has no open task in your queue (dab queue lists what has)", ExitCodes.NotFound),
            _ => throw new UsageException($"application {input} has {matches.Count} tasks in your queue; name the task id"),
        };
    }

    /// <summary>The caller's whole queue, most urgent first.</summary>
    public static Task<List<StageTask>> QueueAsync(BrokerClients clients, CancellationToken cancellationToken) =>
        Paging.AllAsync(async token =>
        {
            var page = await clients.Reviews.ListTasksAsync(
                new ListTasksRequest { PageSize = 100, PageToken = token }, BrokerClients.Call(cancellationToken));
            return (page.Tasks.AsEnumerable(), page.NextPageToken);
        });
}
