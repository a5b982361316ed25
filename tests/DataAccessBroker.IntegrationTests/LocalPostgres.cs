using System.Diagnostics;

namespace DataAccessBroker.IntegrationTests;

/// <summary>
/// A PostgreSQL cluster of a test's own (infra/local-postgres.sh in a temporary directory on a free port), for a test
/// that stops and starts the database under a running broker, which the shared test server must never do.
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private readonly string _directory;

    private LocalPostgres(string directory, int port)
    {
        _directory = directory;
        _environment = new Dictionary<string, string>
        {
            ["DAB_PG_DIR"] = directory, ["DAB_PG_PORT"] = port.ToString(), ["DAB_PG_DATABASE"] = "dab", ["DAB_PG_FAST"] = "1",
        };
    }

    /// <summary>The superuser's connection: the schema owner's, and the test's own.</summary>
    public string ConnectionString => Roles.Owner;

    /// <summary>The script's two connection strings: the superuser's and the runtime role dab_broker's.</summary>
    public DatabaseRoles Roles { get; private set; } = new("", "");

    public static async Task<LocalPostgres> StartAsync()
    {
        var cluster = new LocalPostgres(
            Path.Combine(Path.GetTempPath(), $"dab-test-cluster-{Guid.NewGuid():N}"), BrokerFixture.FreePort());
        cluster.Roles = new DatabaseRoles(await cluster.RunAsync("start"), await cluster.RunAsync("start", "--runtime"));
        return cluster;
    }

    public Task StartAgainAsync() => RunAsync("start");

    /// <summary>A fast shutdown: sessions are ended, as when an operator stops the server.</summary>
    public Task StopAsync() => RunAsync("stop");

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_directory, recursive: true);
        File.Delete($"{_directory}.initdb.log");
    }

    private async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(BrokerProcess.RepositoryRoot(), "infra", "local-postgres.sh"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in _environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"local-postgres.sh {string.Join(" ", arguments)} failed: {await errors}");
        }

        return (await output).Trim();
    }
}
