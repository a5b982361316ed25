using System.CommandLine;
using DataAccessBroker.Cli.Connection;
using DataAccessBroker.Cli.Output;
using DataAccessBroker.Contracts.V1;
using Google.Protobuf;

namespace DataAccessBroker.Cli.Commands;

/// <summary>What REK committees, data owners and HDS do: work their queue.</summary>
internal static class ReviewerCommands
{
    public static Command Queue(GlobalOptions options, TextWriter stdout)
    {
        var command = new Command("queue", "Your organisation's open tasks, most urgent (earliest deadline) first");
        command.Run(options, stdout, async (parse, clients, cancellationToken) =>
        {
            var tasks = await Names.QueueAsync(clients, cancellationToken);

            if (parse.GetValue(options.Json)) tasks.ForEach(t => Views.WriteJson(stdout, t));
            else Views.WriteTasks(stdout, tasks);
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
            else stdout.WriteLine($"{verb}: {Views.Stage(queued.Stage)} of {Views.Id(queued.Application)} done; the application is now {Views.Words(state)}.");
        });
        return command;
    }
}
