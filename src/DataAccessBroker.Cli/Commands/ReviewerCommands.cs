using System.CommandLine;
using DataAccessBroker.Cli.Connection;
using DataAccessBroker.Cli.Output;
using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Reporting;
using Google.Protobuf;

namespace DataAccessBroker.Cli.Commands;

/// <summary>What REK committees, data owners and HDS do: work their queue.</summary>
internal static class ReviewerCommands
{
    /// <summary>The states <c>--state</c> accepts, as people write them.</summary>
    private static readonly Dictionary<string, StageTask.Types.State> QueueStates = new()
    {
        ["open"] = StageTask.Types.State.Open,
        ["paused"] = StageTask.Types.State.Paused,
        ["changes-requested"] = StageTask.Types.State.ChangesRequested,
    };

    public static Command Queue(GlobalOptions options, TextWriter stdout)
    {
        var states = new Option<string[]>("--state")
        {
            Description = "Only tasks in this state: open (default), paused (another body asked the applicant for " +
                          "changes), changes-requested (you did); repeat it for several",
        };
        states.AcceptOnlyFromAmong([.. QueueStates.Keys]);
        var overdue = new Option<bool>("--overdue") { Description = "Only tasks past their SLA deadline" };
        var pageSize = new Option<int>("--page-size")
        {
            Description = "Tasks per page (at most 100)", DefaultValueFactory = _ => 25,
        };
        var pageToken = new Option<string?>("--page-token") { Description = "The next page, as the previous page named it" };
        var all = new Option<bool>("--all") { Description = "Every page at once" };
        var command = new Command("queue", "Your organisation's open tasks, most urgent (earliest deadline) first")
        {
            states, overdue, pageSize, pageToken, all,
        };
        command.Run(options, stdout, async (parse, clients, cancellationToken) =>
        {
            ListTasksRequest Request(string token) => new()
            {
                PageSize = parse.GetValue(pageSize), PageToken = token, OverdueOnly = parse.GetValue(overdue),
                States = { (parse.GetValue(states) ?? []).Select(s => QueueStates[s]) },
            };

            var page = new ListTasksResponse();
            if (parse.GetValue(all))
            {
                page.Tasks.AddRange(await Paging.AllAsync(async token =>
                {
                    var next = await clients.Reviews.ListTasksAsync(Request(token), BrokerClients.Call(cancellationToken));
                    return (next.Tasks.AsEnumerable(), next.NextPageToken);
                }));
            }
            else
            {
                page = await clients.Reviews.ListTasksAsync(
                    Request(parse.GetValue(pageToken) ?? ""), BrokerClients.Call(cancellationToken));
            }

            if (parse.GetValue(options.Json))
            {
                Views.WriteJson(stdout, (null, page));
                return;
            }

            Views.WriteTasks(stdout, page.Tasks);
            if (page.NextPageToken.Length > 0)
            {
                stdout.WriteLine($"More tasks: add --page-token {page.NextPageToken} (or --all for every page).");
            }
        });
        return command;
    }

    public static Command Approve(GlobalOptions options, TextWriter stdout)
    {
        var conditions = new Option<string>("--conditions") { Description = "Conditions of an HDS approval", DefaultValueFactory = _ => "" };
        return Decision("approve", "Approve a task (HDS may attach --conditions)", options, stdout, commentRequired: false,
            async (clients, task, comment, parse, call) =>
            {
                var response = await clients.Reviews.ApproveTaskAsync(new ApproveTaskRequest
                {
                    Name = task.Name, Etag = task.Etag, Comment = comment, Conditions = parse.GetValue(conditions)!,
                }, call);
                return (response, response.ApplicationState);
            }, conditions);
    }

    public static Command Reject(GlobalOptions options, TextWriter stdout) =>
        Decision("reject", "Reject a task, and with it the application", options, stdout, commentRequired: true,
            async (clients, task, comment, _, call) =>
            {
                var response = await clients.Reviews.RejectTaskAsync(
                    new RejectTaskRequest { Name = task.Name, Etag = task.Etag, Comment = comment }, call);
                return (response, response.ApplicationState);
            });

    public static Command RequestChanges(GlobalOptions options, TextWriter stdout) =>
        Decision("request-changes", "Send the application back to the applicant; the stage's clock stops", options, stdout,
            commentRequired: true,
            async (clients, task, comment, _, call) =>
            {
                var response = await clients.Reviews.RequestChangesAsync(
                    new RequestChangesRequest { Name = task.Name, Etag = task.Etag, Comment = comment }, call);
                return (response, response.ApplicationState);
            });

    public static Command Deliver(GlobalOptions options, TextWriter stdout) =>
        Decision("deliver", "Record that your registry has delivered its data", options, stdout, commentRequired: false,
            async (clients, task, comment, _, call) =>
            {
                var response = await clients.Reviews.MarkDeliveredAsync(
                    new MarkDeliveredRequest { Name = task.Name, Etag = task.Etag, Comment = comment }, call);
                return (response, response.ApplicationState);
            });

    private static Command Decision(
        string verb, string description, GlobalOptions options, TextWriter stdout, bool commentRequired,
        Func<BrokerClients, StageTask, string, ParseResult, Grpc.Core.CallOptions, Task<(IMessage Response, Application.Types.State State)>> decide,
        params Option[] extra)
    {
        var task = new Argument<string>("task") { Description = "Task id from dab queue, or the application id when your queue holds one task of it" };
        var comment = new Option<string>("--comment", "-m")
        {
            Description = commentRequired ? "Why (required)" : "Comment for the record",
            Required = commentRequired,
            DefaultValueFactory = _ => "",
        };
        var command = new Command(verb, description) { task, comment };
        foreach (var option in extra) command.Options.Add(option);
        command.Run(options, stdout, async (parse, clients, cancellationToken) =>
        {
            var queued = await Names.QueuedTaskAsync(clients, parse.GetValue(task)!, cancellationToken);
            var (response, state) = await decide(clients, queued, parse.GetValue(comment)!, parse, BrokerClients.Call(cancellationToken));
            if (parse.GetValue(options.Json)) Views.WriteJson(stdout, response);
            else stdout.WriteLine($"{verb}: {Terms.Stage(queued.Stage)} of {Views.Id(queued.Application)} done; the application is now {Terms.Words(state)}.");
        });
        return command;
    }
}
