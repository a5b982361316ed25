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

    /// <summary>A task id is looked up in the caller's queue, which also gives the etag the decision is checked with.</summary>
    public static async Task<StageTask> QueuedTaskAsync(
        BrokerClients clients, string input, CancellationToken cancellationToken)
    {
        var wanted = input.StartsWith("applications/", StringComparison.Ordinal) ? input : null;
        if (wanted is null && !Guid.TryParse(input, out _))
        {
            throw new UsageException($"'{input}' is not a task id (dab queue shows them)");
        }

        var token = "";
        do
        {
            var page = await clients.Reviews.ListTasksAsync(
                new ListTasksRequest { PageSize = 100, PageToken = token }, BrokerClients.Call(cancellationToken));
            var match = page.Tasks.FirstOrDefault(t =>
                wanted is not null ? t.Name == wanted : t.Name.EndsWith($"/tasks/{input}", StringComparison.OrdinalIgnoreCase));
            if (match is not null) return match;
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        throw new UsageException($"task {input} is not open in your queue (dab queue lists what is)", ExitCodes.NotFound);
    }
}
