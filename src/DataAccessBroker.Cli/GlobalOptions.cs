using System.CommandLine;
using DataAccessBroker.Cli.Output;
using Google.Protobuf;

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

    /// <summary>Prints the response as JSON when --json was given; the caller renders its table otherwise.</summary>
    public bool WroteJson(ParseResult parse, TextWriter stdout, IMessage response)
    {
        if (!parse.GetValue(Json)) return false;
        Views.WriteJson(stdout, response);
        return true;
    }

    public void AddTo(RootCommand root)
    {
        root.Options.Add(Server);
        root.Options.Add(Json);
    }
}
