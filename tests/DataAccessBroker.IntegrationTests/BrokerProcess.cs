using System.Diagnostics;
using System.Security.Claims;
using DataAccessBroker.Server.Authentication;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace DataAccessBroker.IntegrationTests;

/// <summary>
/// The broker as its own operating-system process (the built DataAccessBroker.Server.dll), so a test can kill it
/// with SIGKILL and start it again, or run two of them on one database.
/// </summary>
public sealed class BrokerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private readonly string _keyFile;

    private BrokerProcess(Process process, string grpcAddress, string issuerAddress, string operationsAddress, string keyFile)
    {
        _process = process;
        _keyFile = keyFile;
        GrpcAddress = grpcAddress;
        IssuerAddress = issuerAddress;
        OperationsAddress = operationsAddress;
    }

    public bool HasExited => _process.HasExited;

    public string GrpcAddress { get; }
    public string IssuerAddress { get; }
    /// <summary>Health probes and metrics (HTTP/1.1).</summary>
    public string OperationsAddress { get; }

    /// <summary>Starts the broker on the given ports; a restart on the same ports accepts the same tokens.</summary>
    public static async Task<BrokerProcess> StartAsync(
        DatabaseRoles roles, int grpcPort, int issuerPort, string keyFile,
        IEnumerable<KeyValuePair<string, string>> settings)
    {
        var issuerAddress = $"http://127.0.0.1:{issuerPort}";
        var serverDll = ServerAssembly();
        var start = new ProcessStartInfo("dotnet", [serverDll])
        {
            WorkingDirectory = Path.GetDirectoryName(serverDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var grpcAddress = $"http://127.0.0.1:{grpcPort}";
        var operationsAddress = $"http://127.0.0.1:{BrokerFixture.FreePort()}";
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Kestrel__Endpoints__Grpc__Url"] = grpcAddress,
            ["Kestrel__Endpoints__DevelopmentIssuer__Url"] = issuerAddress,
            ["Kestrel__Endpoints__Operations__Url"] = operationsAddress,
            ["Authentication__DevelopmentIssuer__Url"] = issuerAddress,
            ["Authentication__DevelopmentIssuer__KeyFile"] = keyFile,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in environment.Concat(roles.Settings).Concat(settings))
        {
            start.Environment[key.Replace(":", "__")] = value;
        }
        var process = Process.Start(start)!;
        // Drain the pipes so a chatty child never blocks on a full buffer, into a log file to read after a failure.
        var log = TextWriter.Synchronized(new StreamWriter(
            Path.Combine(Path.GetTempPath(), $"dab-broker-{grpcPort}.log"), append: true) { AutoFlush = true });
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) log.WriteLine(line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) log.WriteLine(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var broker = new BrokerProcess(process, grpcAddress, issuerAddress, operationsAddress, keyFile);
        await broker.WaitUntilServingAsync(TimeSpan.FromSeconds(60));
        return broker;
    }

    /// <summary>A token this broker accepts: its issuer URL, signed with its key file.</summary>
    public string TokenFor(string subject, string organisation, string role)
    {
        var issuer = new DevelopmentIssuer(
            new DevelopmentIssuerOptions { Url = IssuerAddress, KeyFile = _keyFile }, "api://data-access-broker",
            TimeProvider.System);
        return issuer.Mint(
            [new Claim("sub", subject), new Claim("name", subject), new Claim("org", organisation), new Claim("roles", role)],
            DateTimeOffset.UtcNow.AddHours(1));
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, as in a crash.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
        await Task.CompletedTask;
    }

    private async Task WaitUntilServingAsync(TimeSpan timeout)
    {
        using var channel = GrpcChannel.ForAddress(GrpcAddress);
        var health = new Health.HealthClient(channel);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"the broker exited with {_process.ExitCode}");
            try
            {
                var reply = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2));
                if (reply.Status == HealthCheckResponse.Types.ServingStatus.Serving) return;
            }
            catch (Grpc.Core.RpcException) when (DateTime.UtcNow < deadline)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException("the broker did not start serving in time");
            await Task.Delay(250);
        }
    }

    private static string ServerAssembly()
    {
        // The test runs from tests/…/bin/<Configuration>/net10.0; the server is built beside it in the same configuration.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        return Path.Combine(RepositoryRoot(), "src", "DataAccessBroker.Server", "bin", configuration, "net10.0",
            "DataAccessBroker.Server.dll");
    }

    /// <summary>The checkout the tests run from.</summary>
    public static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root!.FullName, "DataAccessBroker.sln"))) root = root.Parent;
        return root.FullName;
    }
}
