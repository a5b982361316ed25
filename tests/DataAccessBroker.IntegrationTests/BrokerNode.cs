using DataAccessBroker.Contracts.V1;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using static DataAccessBroker.IntegrationTests.BrokerFixture;

namespace DataAccessBroker.IntegrationTests;

/// <summary>
/// One broker node of a federation under test: its own database and broker process, on fixed ports so that a restart
/// (after a SIGKILL, say) is the same node to its peers, with the same signing key.
/// </summary>
public sealed class BrokerNode : IAsyncDisposable
{
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), $"dab-node-{Guid.NewGuid():N}.pem");
    private readonly IReadOnlyList<KeyValuePair<string, string>> _extraSettings;
    private GrpcChannel? _channel;

    public BrokerNode(string code, string name, IEnumerable<KeyValuePair<string, string>>? settings = null)
    {
        Code = code;
        Name = name;
        _extraSettings = settings?.ToList() ?? [];
    }

    public string Code { get; }
    public string Name { get; }
    public int GrpcPort { get; } = FreePort();
    public int IssuerPort { get; } = FreePort();
    public string GrpcAddress => $"http://127.0.0.1:{GrpcPort}";
    public string IssuerAddress => $"http://127.0.0.1:{IssuerPort}";
    public TestDatabase Database { get; private set; } = null!;
    public BrokerProcess Process { get; private set; } = null!;
    public List<BrokerNode> Peers { get; } = [];

    public async Task CreateDatabaseAsync() => Database = await TestDatabase.CreateAsync();

    public async Task StartAsync()
    {
        Process = await BrokerProcess.StartAsync(Database.Roles, GrpcPort, IssuerPort, _keyFile, Settings());
        _channel?.Dispose();
        _channel = GrpcChannel.ForAddress(GrpcAddress);
    }

    /// <summary>SIGKILL: whatever the node had not committed is gone; its outbox and inbox are what it committed.</summary>
    public void Kill() => Process.Kill();

    public async Task RestartAsync()
    {
        await Process.DisposeAsync();
        await StartAsync();
    }

    public User As(string subject, string organisation, string role) => new(Invoker(Process.TokenFor(subject, organisation, role)));

    /// <summary>This node's own node credentials, as its dispatcher presents them to its peers.</summary>
    public string NodeToken() => Process.TokenFor($"node:{Code}", Code, "Node");

    public CallInvoker Invoker(string token) =>
        _channel!.Intercept(metadata =>
        {
            metadata.Add("Authorization", $"Bearer {token}");
            return metadata;
        });

    /// <summary>The node service of this node, called with the given credentials.</summary>
    public NodeService.NodeServiceClient NodeServiceAs(string token) => new(Invoker(token));

    private IEnumerable<KeyValuePair<string, string>> Settings()
    {
        yield return new("Node:Code", Code);
        yield return new("Node:Name", Name);
        // Mirrors refresh every second, so a test sees its peers' catalogs soon after they start.
        yield return new("Federation:CatalogRefresh", "00:00:01");
        for (var i = 0; i < Peers.Count; i++)
        {
            yield return new($"Federation:Peers:{i}:Code", Peers[i].Code);
            yield return new($"Federation:Peers:{i}:Name", Peers[i].Name);
            yield return new($"Federation:Peers:{i}:Address", Peers[i].GrpcAddress);
            yield return new($"Federation:Peers:{i}:Issuer", Peers[i].IssuerAddress);
        }

        foreach (var setting in _extraSettings) yield return setting;
    }

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        if (Process is not null) await Process.DisposeAsync();
        if (Database is not null) await Database.DisposeAsync();
        File.Delete(_keyFile);
    }
}
