using System.CommandLine;
using System.CommandLine.Completions;

namespace DataAccessBroker.Cli.Completion;

/// <summary>
/// What a shell needs to complete dab, read from the System.CommandLine tree itself, so that a new command or option
/// is completed without anyone remembering to: per command path ("", "stats", "stats turnaround"), its subcommands
/// and its options; per option that takes a value, the values it accepts (none listed: a file name or free text).
/// </summary>
internal sealed record CommandTree(
    IReadOnlyList<(string Path, IReadOnlyList<string> Subcommands, IReadOnlyList<string> Options, bool TakesFile)> Commands,
    IReadOnlyDictionary<string, IReadOnlyList<string>> ValueOptions)
{
    public static CommandTree Of(RootCommand root)
    {
        var global = root.Options.Where(o => o.Recursive).ToList();
        var commands = new List<(string, IReadOnlyList<string>, IReadOnlyList<string>, bool)>();
        var values = new Dictionary<string, IReadOnlyList<string>>();
        void Walk(Command command, string path)
        {
            var options = command.Options.Concat(command == root ? [] : global).Where(o => !o.Hidden).ToList();
            foreach (var option in options.Where(TakesValue))
            {
                var accepted = option.GetCompletions(CompletionContext.Empty).Select(c => c.Label).ToList();
                foreach (var name in Names(option)) values[name] = accepted;
            }

            var arguments = command.Arguments.SelectMany(a => a.GetCompletions(CompletionContext.Empty).Select(c => c.Label));
            commands.Add((path,
                [.. command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name), .. arguments],
                [.. options.SelectMany(Names)],
                command.Arguments.Any(a => a.Name == "file")));
            foreach (var sub in command.Subcommands.Where(c => !c.Hidden)) Walk(sub, path.Length == 0 ? sub.Name : $"{path} {sub.Name}");
        }

        Walk(root, "");
        return new CommandTree(commands, values);
    }

    /// <summary>Flags (bool options, help, version) take no value: the next word is not skipped.</summary>
    private static bool TakesValue(Option option) => option.ValueType != typeof(bool) && option.Arity.MaximumNumberOfValues > 0;

    /// <summary>The names people type: --name and -x (not the /h and -? spellings of help).</summary>
    private static IEnumerable<string> Names(Option option) =>
        new[] { option.Name }.Concat(option.Aliases).Where(n => n.StartsWith("--") || (n.Length == 2 && char.IsLetter(n[1]) && n[0] == '-'));
}
