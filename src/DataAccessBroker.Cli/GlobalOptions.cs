using System.CommandLine;

namespace DataAccessBroker.Cli;

/// <summary>Options every command takes: where the broker is, and whether to print JSON.</summary>
public sealed class GlobalOptions
{
    public Option<string> Server { get; } = new("--server")
    {
        Description = "Broker address (env DAB_SERVER; default http://127.0.0.1:5080)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("DAB_SERVER") ?? "http://127.0.0.1:5080",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the API's JSON instead of tables, for scripts",
        Recursive = true,
    };

    public void AddTo(RootCommand root)
    {
        root.Options.Add(Server);
        root.Options.Add(Json);
    }
}
