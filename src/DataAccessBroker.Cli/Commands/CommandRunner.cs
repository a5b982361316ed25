using System.CommandLine;
using DataAccessBroker.Cli.Connection;
using DataAccessBroker.Cli.Errors;
using Grpc.Core;

namespace DataAccessBroker.Cli.Commands;

/// <summary>Runs a command's body with a connected client and turns every failure into plain words and an exit code.</summary>
internal static class CommandRunner
{
    public static void Run(
        this Command command, GlobalOptions options, TextWriter stdout,
        Func<ParseResult, BrokerClients, CancellationToken, Task> body) =>
        command.Run(options, stdout, signedIn: true, body);

    /// <param name="signedIn">False for what the broker serves to anyone (the catalog): no token is sent.</param>
    public static void Run(
        this Command command, GlobalOptions options, TextWriter stdout, bool signedIn,
        Func<ParseResult, BrokerClients, CancellationToken, Task> body) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            var server = parse.GetValue(options.Server)!;
            DabError error;
            try
            {
                using var clients = new BrokerClients(server, signedIn ? SessionStore.Token() : null);
                await body(parse, clients, cancellationToken);
                return ExitCodes.Ok;
            }
            catch (RpcException e)
            {
                error = DabError.From(e, command, server);
            }
            catch (PartlyDoneException e)
            {
                error = DabError.From(e.Failure, command, server) with { Note = e.Message, Created = e.Created };
            }
            catch (UsageException e)
            {
                error = DabError.From(e);
            }

            error.WriteTo(parse.InvocationConfiguration.Error, parse.GetValue(options.Json));
            return error.ExitCode;
        });
}
