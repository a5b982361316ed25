using System.CommandLine;
using DataAccessBroker.Cli.Connection;
using Google.Rpc;
using Grpc.Core;

namespace DataAccessBroker.Cli.Commands;

/// <summary>Runs a command's body with a connected client and turns every failure into plain words and an exit code.</summary>
internal static class CommandRunner
{
    public static void Run(
        this Command command, GlobalOptions options, TextWriter stdout,
        Func<ParseResult, BrokerClients, CancellationToken, Task> body) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                using var clients = new BrokerClients(parse.GetValue(options.Server)!, SessionStore.Token());
                await body(parse, clients, cancellationToken);
                return ExitCodes.Ok;
            }
            catch (RpcException e)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(Describe(e));
                return ExitCodeOf(e.StatusCode);
            }
            catch (UsageException e)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"dab: {e.Message}");
                return e.ExitCode;
            }
        });

    public static string Describe(RpcException e)
    {
        var status = e.GetRpcStatus();
        var lines = new List<string>
        {
            e.StatusCode switch
            {
                StatusCode.Unauthenticated => "dab: not signed in, or the session expired. Run 'dab login <user>'.",
                StatusCode.PermissionDenied => "dab: your role may not do that.",
                // The broker answered, but cannot serve now (its database away, shutting down, the access log).
                StatusCode.Unavailable when status?.GetDetail<ErrorInfo>() is not null => $"dab: {status.Message}.",
                StatusCode.Unavailable => $"dab: cannot reach the broker ({e.Status.Detail}). Is it running? See --server.",
                StatusCode.DeadlineExceeded => "dab: the broker did not answer in time.",
                StatusCode.ResourceExhausted => $"dab: the request is too large ({e.Status.Detail}).",
                _ => $"dab: {status?.Message ?? e.Status.Detail}",
            },
        };
        foreach (var violation in status?.GetDetail<BadRequest>()?.FieldViolations ?? [])
        {
            lines.Add($"  {violation.Field}: {violation.Description}");
        }

        foreach (var violation in status?.GetDetail<PreconditionFailure>()?.Violations ?? [])
        {
            lines.Add($"  {violation.Subject}: {violation.Description}");
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static int ExitCodeOf(StatusCode code) => code switch
    {
        StatusCode.NotFound => ExitCodes.NotFound,
        StatusCode.InvalidArgument or StatusCode.ResourceExhausted => ExitCodes.InvalidInput,
        StatusCode.FailedPrecondition or StatusCode.Aborted or StatusCode.AlreadyExists => ExitCodes.Refused,
        StatusCode.Unauthenticated or StatusCode.PermissionDenied => ExitCodes.NotSignedIn,
        StatusCode.Unavailable or StatusCode.DeadlineExceeded => ExitCodes.Unreachable,
        _ => ExitCodes.Failure,
    };
}

/// <summary>The user's input cannot be used as given (bad file, unknown id): said in plain words, no stack trace.</summary>
internal sealed class UsageException(string message, int exitCode = ExitCodes.Usage) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
