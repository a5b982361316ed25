using System.CommandLine;
using DataAccessBroker.Cli.Completion;

namespace DataAccessBroker.Cli.Commands;

/// <summary>`dab completion bash|zsh|fish`: the shell's completion script, from the command tree it is part of.</summary>
internal static class CompletionCommands
{
    public static Command Completion(TextWriter stdout)
    {
        var shell = new Argument<string>("shell") { Description = "bash, zsh or fish" };
        shell.AcceptOnlyFromAmong(ShellScript.Shells);
        var command = new Command("completion",
            "Print the shell completion script: eval \"$(dab completion bash)\" (docs/dab.md says how to install it)") { shell };
        command.SetAction(parse =>
        {
            var root = (RootCommand)parse.RootCommandResult.Command;
            stdout.Write(ShellScript.For(parse.GetValue(shell)!, CommandTree.Of(root)));
            return ExitCodes.Ok;
        });
        return command;
    }
}
