namespace DataAccessBroker.Cli.Commands;

/// <summary>The user's input cannot be used as given (bad file, unknown id): said in plain words, no stack trace.</summary>
internal sealed class UsageException(string message, int exitCode = ExitCodes.Usage) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
