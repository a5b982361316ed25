using System.CommandLine;
using System.Text.RegularExpressions;

namespace DataAccessBroker.Cli.Errors;

/// <summary>
/// The broker names a bad field by its path in the request (<c>application.data_sources[1].data_source</c>,
/// <c>comment</c>, <c>filter.start_date</c>); people wrote a key of their application file or a flag. This turns the
/// one into the other for the command that failed; a path it does not know is shown as the broker gave it.
/// </summary>
internal static partial class FieldNames
{
    /// <summary>Flags and arguments, by the top-level command that sends the field.</summary>
    private static readonly Dictionary<string, Dictionary<string, string>> Options = new()
    {
        ["apply"] = new() { ["request_id"] = "--request-id", ["name"] = "--update", ["application"] = "FILE" },
        ["submit"] = new() { ["name"] = "APPLICATION" },
        ["resubmit"] = new() { ["name"] = "APPLICATION", ["comment"] = "-m" },
        ["withdraw"] = new() { ["name"] = "APPLICATION", ["comment"] = "-m" },
        ["show"] = new() { ["name"] = "APPLICATION", ["parent"] = "APPLICATION" },
        ["approve"] = new() { ["name"] = "TASK", ["comment"] = "-m", ["conditions"] = "--conditions" },
        ["reject"] = new() { ["name"] = "TASK", ["comment"] = "-m" },
        ["request-changes"] = new() { ["name"] = "TASK", ["comment"] = "-m" },
        ["deliver"] = new() { ["name"] = "TASK", ["comment"] = "-m" },
        ["queue"] = new()
        {
            ["page_size"] = "--page-size", ["page_token"] = "--page-token", ["states"] = "--state",
            ["overdue_only"] = "--overdue",
        },
        ["stats"] = new()
        {
            ["filter.start_date"] = "--from", ["filter.end_date"] = "--to", ["filter.purpose"] = "--purpose",
            ["filter.data_source"] = "--source", ["filter.rek_committee"] = "--committee",
            ["filter.suppression_threshold"] = "--suppress-below", ["as_of_date"] = "--as-of", ["nodes"] = "--nodes",
        },
        ["federation"] = new() { ["node"] = "PEER" },
        ["audit"] = new() { ["parent"] = "APPLICATION" },
    };

    /// <summary>The keys of docs/example-application.yaml that differ from the API's field names.</summary>
    private static readonly (Regex Api, string File)[] FileKeys =
    [
        (new Regex(@"^data_sources\[(\d+)\]\.data_source$"), "data_sources[$1].source"),
        (new Regex(@"^data_sources\[(\d+)\]\.cohort_criteria$"), "data_sources[$1].cohort"),
        (new Regex(@"^project_period\.start_date$"), "project_period.start"),
        (new Regex(@"^project_period\.end_date$"), "project_period.end"),
    ];

    /// <summary>Commands whose errors name fields of the application file (submission names what is missing).</summary>
    private static readonly HashSet<string> FileCommands = ["apply", "submit", "resubmit"];

    public static string For(Command command, string path)
    {
        var top = TopLevel(command).Name;
        var bare = IndexSuffix().Replace(path, ""); // states[2] is the flag --state
        if (Options.TryGetValue(top, out var options) && (options.TryGetValue(path, out var name) || options.TryGetValue(bare, out name)))
        {
            return name;
        }

        if (!FileCommands.Contains(top)) return path;
        var key = path.StartsWith("application.", StringComparison.Ordinal) ? path["application.".Length..] : path;
        foreach (var (api, file) in FileKeys)
        {
            if (api.IsMatch(key)) return api.Replace(key, file);
        }

        return key;
    }

    private static Command TopLevel(Command command) =>
        command.Parents.OfType<Command>().FirstOrDefault() is { } parent and not RootCommand ? TopLevel(parent) : command;

    [GeneratedRegex(@"\[\d+\]$")]
    private static partial Regex IndexSuffix();
}
