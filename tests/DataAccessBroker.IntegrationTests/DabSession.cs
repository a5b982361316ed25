using DataAccessBroker.Cli;

namespace DataAccessBroker.IntegrationTests;

/// <summary>Runs dab in-process against a test broker with a session file of its own, as a person at a shell would.</summary>
public sealed class DabSession(BrokerFixture broker) : IDisposable
{
    private readonly string _sessionFile = Path.Combine(Path.GetTempPath(), $"dab-session-{Guid.NewGuid():N}.json");

    /// <summary>Runs dab and checks its exit code; --server (and --issuer for login) point at the test broker.</summary>
    public async Task<(string Out, string Err)> Dab(int expectedExitCode, params string[] args)
    {
        Environment.SetEnvironmentVariable("DAB_TOKEN_FILE", _sessionFile);
        string[] connection = ["--server", broker.GrpcAddress];
        if (args[0] == "login") connection = [.. connection, "--issuer", broker.IssuerAddress];
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = await DabCli.RunAsync(args.Contains("--server") ? args : [.. args, .. connection], stdout, stderr);
        Assert.True(expectedExitCode == exitCode,
            $"dab {string.Join(' ', args)} exited {exitCode}, expected {expectedExitCode}\n{stdout}\n{stderr}");
        return (stdout.ToString(), stderr.ToString());
    }

    /// <summary>A file in the temporary directory with this text, deleted with the session.</summary>
    public string File(string name, string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}-{name}");
        System.IO.File.WriteAllText(path, text);
        _files.Add(path);
        return path;
    }

    private readonly List<string> _files = [];

    public static string ExampleFile()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!System.IO.File.Exists(Path.Combine(directory!.FullName, "DataAccessBroker.sln"))) directory = directory.Parent;
        return Path.Combine(directory.FullName, "docs", "example-application.yaml");
    }

    public void Dispose()
    {
        System.IO.File.Delete(_sessionFile);
        _files.ForEach(System.IO.File.Delete);
    }
}
