using System.CommandLine;
using DataAccessBroker.Cli.Connection;
using DataAccessBroker.Cli.Files;
using DataAccessBroker.Cli.Output;
using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Reporting;

namespace DataAccessBroker.Cli.Commands;

/// <summary>What researchers do: apply, submit, answer requests for changes, withdraw, follow their applications.</summary>
internal static class ApplicantCommands
{
    public static Command Apply(GlobalOptions options, TextWriter stdout)
    {
        var file = new Argument<string>("file") { Description = "Application in YAML or JSON (see docs/example-application.yaml)" };
        var update = new Option<string?>("--update") { Description = "Update this draft (or application awaiting you) instead of creating one" };
        var submit = new Option<bool>("--submit") { Description = "Submit right after saving" };
        var requestId = new Option<string?>("--request-id") { Description = "UUID that makes a retried create safe: a repeat returns the first result" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only the application id" };
        var command = new Command("apply", "Create a draft application from a file, or update one") { file, update, submit, requestId, quiet };
        command.Run(options, stdout, async (parse, clients, cancellationToken) =>
        {
            var message = ApplicationFile.Load(parse.GetValue(file)!);
            Application saved;
            if (parse.GetValue(update) is { } existing)
            {
                var current = (await clients.Applications.GetApplicationAsync(
                    new GetApplicationRequest { Name = Names.Application(existing) }, BrokerClients.Call(cancellationToken))).Application;
                message.Name = current.Name;
                message.Etag = current.Etag;
                saved = (await clients.Applications.UpdateApplicationAsync(
                    new UpdateApplicationRequest
                    {
                        // The file is the whole application: what it leaves out is cleared.
                        Application = message, UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "*" } },
                    }, BrokerClients.Call(cancellationToken))).Application;
            }
            else
            {
                saved = (await clients.Applications.CreateApplicationAsync(
                    new CreateApplicationRequest { Application = message, RequestId = parse.GetValue(requestId) ?? "" },
                    BrokerClients.Call(cancellationToken))).Application;
            }

            if (parse.GetValue(submit))
            {
                try
                {
                    saved = (await clients.Applications.SubmitApplicationAsync(
                        new SubmitApplicationRequest { Name = saved.Name, Etag = saved.Etag },
                        BrokerClients.Call(cancellationToken))).Application;
                }
                catch (Grpc.Core.RpcException e)
                {
                    // There is no deleting a draft (its history is kept): say what exists now and how to go on.
                    var id = Views.Id(saved.Name);
                    throw new PartlyDoneException(e, id,
                        $"Draft {id} was saved but not submitted. Fix the file, then: dab apply {parse.GetValue(file)} --update {id} --submit");
                }
            }

            if (parse.GetValue(options.Json)) Views.WriteJson(stdout, saved);
            else if (parse.GetValue(quiet)) stdout.WriteLine(Views.Id(saved.Name));
            else stdout.WriteLine($"{Views.Id(saved.Name)}  {Terms.Words(saved.State)}  {saved.Title}");
        });
        return command;
    }

    public static Command Submit(GlobalOptions options, TextWriter stdout) =>
        Transition("submit", "Submit a draft for review", options, stdout, withComment: false,
            async (clients, name, _, call) => (await clients.Applications.SubmitApplicationAsync(
                new SubmitApplicationRequest { Name = name }, call)).Application);

    public static Command Resubmit(GlobalOptions options, TextWriter stdout) =>
        Transition("resubmit", "Send the application back to the stage that asked for changes", options, stdout, withComment: true,
            async (clients, name, comment, call) => (await clients.Applications.ResubmitApplicationAsync(
                new ResubmitApplicationRequest { Name = name, Comment = comment }, call)).Application);

    public static Command Withdraw(GlobalOptions options, TextWriter stdout) =>
        Transition("withdraw", "Withdraw the application; every open stage closes", options, stdout, withComment: true,
            async (clients, name, comment, call) => (await clients.Applications.WithdrawApplicationAsync(
                new WithdrawApplicationRequest { Name = name, Comment = comment }, call)).Application);

    public static Command List(GlobalOptions options, TextWriter stdout)
    {
        var origin = new Option<string?>("--origin")
        {
            Description = "Only the part another node forwarded here of this application (its id at its home node)",
        };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only the application ids" };
        var command = new Command("list", "List the applications you may see, newest first") { origin, quiet };
        command.Run(options, stdout, async (parse, clients, cancellationToken) =>
        {
            var home = parse.GetValue(origin) is { } id ? Names.Application(id) : null;
            var all = await Paging.AllAsync(async token =>
            {
                var page = await clients.Applications.ListApplicationsAsync(
                    new ListApplicationsRequest { PageSize = 100, PageToken = token }, BrokerClients.Call(cancellationToken));
                return (page.Applications.Where(a => home is null || a.OriginApplication == home), page.NextPageToken);
            });

            if (parse.GetValue(options.Json)) Views.WriteJson(stdout, (null, new ListApplicationsResponse { Applications = { all } }));
            else if (parse.GetValue(quiet)) all.ForEach(a => stdout.WriteLine(Views.Id(a.Name)));
            else Views.WriteApplications(stdout, all);
        });
        return command;
    }

    public static Command Show(GlobalOptions options, TextWriter stdout)
    {
        var id = new Argument<string>("application") { Description = "Application id" };
        var command = new Command("show", "Show an application with its stages and full history") { id };
        command.Run(options, stdout, async (parse, clients, cancellationToken) =>
        {
            var name = Names.Application(parse.GetValue(id)!);
            var application = (await clients.Applications.GetApplicationAsync(
                new GetApplicationRequest { Name = name }, BrokerClients.Call(cancellationToken))).Application;
            var history = await Paging.AllAsync(async token =>
            {
                var page = await clients.Applications.ListApplicationEventsAsync(
                    new ListApplicationEventsRequest { Parent = name, PageSize = 100, PageToken = token },
                    BrokerClients.Call(cancellationToken));
                return (page.Events.AsEnumerable(), page.NextPageToken);
            });

            if (parse.GetValue(options.Json))
            {
                Views.WriteJson(stdout, ("application", application), (null, new ListApplicationEventsResponse { Events = { history } }));
            }
            else
            {
                Views.WriteApplication(stdout, application, history);
            }
        });
        return command;
    }

    private static Command Transition(
        string verb, string description, GlobalOptions options, TextWriter stdout, bool withComment,
        Func<BrokerClients, string, string, Grpc.Core.CallOptions, Task<Application>> call)
    {
        var id = new Argument<string>("application") { Description = "Application id" };
        var comment = new Option<string>("--comment", "-m") { Description = "Why, for the record", DefaultValueFactory = _ => "" };
        var command = new Command(verb, description) { id };
        if (withComment) command.Options.Add(comment);
        command.Run(options, stdout, async (parse, clients, cancellationToken) =>
        {
            var application = await call(clients, Names.Application(parse.GetValue(id)!),
                withComment ? parse.GetValue(comment)! : "", BrokerClients.Call(cancellationToken));
            if (parse.GetValue(options.Json)) Views.WriteJson(stdout, application);
            else stdout.WriteLine($"{Views.Id(application.Name)}  {Terms.Words(application.State)}  {application.Title}");
        });
        return command;
    }
}
