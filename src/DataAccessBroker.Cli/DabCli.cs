using System.CommandLine;
using DataAccessBroker.Cli.Commands;
using DataAccessBroker.Cli.Errors;

namespace DataAccessBroker.Cli;

/// <summary>Builds the command tree. Kept apart from Program so tests can run dab in-process.</summary>
public static class DabCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var options = new GlobalOptions();
        var root = new RootCommand(
            "dab — the DataAccessBroker client: apply for health-register data, review, decide and deliver.");
        options.AddTo(root);
        foreach (var command in new[]
                 {
                     SessionCommands.Login(options, stdout), SessionCommands.WhoAmI(options, stdout),
                     SessionCommands.Token(options, stdout),
                     CatalogCommands.Catalog(options, stdout),
                     ApplicantCommands.Apply(options, stdout), ApplicantCommands.Submit(options, stdout),
                     ApplicantCommands.Resubmit(options, stdout), ApplicantCommands.Withdraw(options, stdout),
                     ApplicantCommands.List(options, stdout), ApplicantCommands.Show(options, stdout),
                     ReviewerCommands.Queue(options, stdout), ReviewerCommands.Approve(options, stdout),
                     ReviewerCommands.Reject(options, stdout), ReviewerCommands.RequestChanges(options, stdout),
                     ReviewerCommands.Deliver(options, stdout),
                     StatisticsCommands.Stats(options, stdout), SimulationCommands.Simulate(options, stdout),
                     FederationCommands.Federation(options, stdout),
                     AuditCommands.Audit(options, stdout), OperationsCommands.Operations(options, stdout),
                     CompletionCommands.Completion(stdout),
                 })
        {
            root.Subcommands.Add(command);
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var error = new DabError(ExitCodes.Usage, "USAGE",
                $"{string.Join("; ", parse.Errors.Select(e => e.Message))} Try 'dab --help'.");
            error.WriteTo(stderr, json: args.Contains(options.Json.Name));
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}
