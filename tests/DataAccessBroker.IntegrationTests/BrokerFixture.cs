using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Server.Authentication;
using DataAccessBroker.Server.Composition;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Hangfire;
using Hangfire.Logging;
using Hangfire.Logging.LogProviders;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DataAccessBroker.IntegrationTests;

/// <summary>
/// The broker's real composition (the same extension methods Program.cs calls) on loopback ports over its own test
/// database, with the development issuer. Tests talk to it over a real HTTP/2 gRPC channel. It connects as in
/// production: migrations as the schema owner, everything else as a role that may not change the history.
/// </summary>
public class BrokerFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public TestDatabase Database { get; private set; } = null!;
    public GrpcChannel Channel { get; private set; } = null!;
    public string GrpcAddress { get; private set; } = "";
    public string IssuerAddress { get; private set; } = "";
    public string OperationsAddress { get; private set; } = "";
    public IServiceProvider Services => _app!.Services;

    /// <summary>Settings a test class adds to the broker's configuration (SLA allowances in seconds, say).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    /// <summary>The runtime connection string the broker gets (a test class may route it through a proxy).</summary>
    protected virtual string BrokerConnectionString(string runtimeConnectionString) => runtimeConnectionString;

    /// <summary>Services a test class puts in first (a fake clock, say); the broker's own registrations defer to them.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }
    public DevelopmentIssuer Issuer => _app!.Services.GetRequiredService<DevelopmentIssuer>();

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        GrpcAddress = $"http://127.0.0.1:{FreePort()}";
        IssuerAddress = $"http://127.0.0.1:{FreePort()}";
        OperationsAddress = $"http://127.0.0.1:{FreePort()}";
        var roles = Database.Roles with { Runtime = BrokerConnectionString(Database.RuntimeConnectionString) };
        _app = await StartBrokerAsync(roles, GrpcAddress, IssuerAddress, settings:
            [new("Kestrel:Endpoints:Operations:Url", OperationsAddress), .. Settings], configureServices: ConfigureServices);
        Channel = GrpcChannel.ForAddress(GrpcAddress, new GrpcChannelOptions
        {
            MaxReceiveMessageSize = 16 * 1024 * 1024,
            MaxSendMessageSize = 16 * 1024 * 1024,
        });
    }

    /// <summary>Builds and starts the broker exactly as Program.cs does, configured in memory.</summary>
    public static async Task<WebApplication> StartBrokerAsync(
        DatabaseRoles roles, string grpcAddress, string issuerAddress, string environment = "Development",
        IEnumerable<KeyValuePair<string, string?>>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(roles.Settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Grpc:Url"] = grpcAddress,
            ["Kestrel:Endpoints:Grpc:Protocols"] = "Http2",
            ["Kestrel:Endpoints:DevelopmentIssuer:Url"] = issuerAddress,
            ["Kestrel:Endpoints:DevelopmentIssuer:Protocols"] = "Http1",
            ["Authentication:Mode"] = "Development",
            ["Authentication:DevelopmentIssuer:Url"] = issuerAddress,
            ["Logging:LogLevel:Default"] = "Warning",
            // The copied appsettings.Development.json names a fixed operations port; tests pick free ones.
            ["Kestrel:Endpoints:Operations:Url"] = $"http://127.0.0.1:{FreePort()}",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        configureServices?.Invoke(builder.Services);
        string[][] demoUsers =
        [
            ["ada", "Applicant", "uio"], ["rita", "RekReviewer", "rek-sor-ost-a"], ["kari", "DataOwner", "kreftregisteret"],
            ["nils", "DataOwner", "npr"], ["hanne", "HdsCaseOfficer", "hds"], ["anders", "Analyst", "helseomsorg21"],
        ];
        builder.Configuration.AddInMemoryCollection(demoUsers.SelectMany((user, i) => new Dictionary<string, string?>
        {
            [$"Authentication:DevelopmentIssuer:Users:{i}:Name"] = user[0],
            [$"Authentication:DevelopmentIssuer:Users:{i}:DisplayName"] = user[0],
            [$"Authentication:DevelopmentIssuer:Users:{i}:Roles:0"] = user[1],
            [$"Authentication:DevelopmentIssuer:Users:{i}:Organisation"] = user[2],
        }));
        builder.AddBroker();
        var app = builder.Build();
        await app.PrepareDatabaseAsync();
        app.MapBroker();
        await app.StartAsync();
        // Hangfire's log provider is process-wide and each host sets it to its own LoggerFactory. Many hosts share
        // this test process and are disposed at different times; point it at a provider that outlives them all, or
        // the workers of the hosts still running fail on a disposed factory. (A deployed broker is one host.)
        GlobalConfiguration.Configuration.UseLogProvider(new ColouredConsoleLogProvider(LogLevel.Warn));
        return app;
    }

    public string TokenFor(string subject, string organisation, params string[] roles)
    {
        var claims = new List<Claim> { new("sub", subject), new("name", subject), new("org", organisation) };
        claims.AddRange(roles.Select(r => new Claim("roles", r)));
        return Issuer.Mint(claims, DateTimeOffset.UtcNow.AddHours(1));
    }

    public CallInvoker Invoker(string token) =>
        Channel.Intercept(metadata =>
        {
            metadata.Add("Authorization", $"Bearer {token}");
            return metadata;
        });

    public User As(string subject, string organisation, params string[] roles) =>
        new(Invoker(TokenFor(subject, organisation, roles)));

    public virtual async Task DisposeAsync()
    {
        Channel.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>Ports handed out in this test process: each once.</summary>
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>
    /// A port nothing listens on, for a host to bind a moment later. Not one the kernel picks (port 0): those come
    /// from the ephemeral range that outgoing connections (database, gRPC, the browser) also draw from, and one of them
    /// took such a port between the check and the bind often enough to fail a CI run. These lie below Linux's
    /// ephemeral range (32768–60999), and no port is handed out twice.
    /// </summary>
    public static int FreePort()
    {
        lock (HandedOut)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = Random.Shared.Next(20000, 32000);
                if (!HandedOut.Add(port)) continue;
                try
                {
                    using var listener = new TcpListener(IPAddress.Loopback, port);
                    listener.Start();
                    return port;
                }
                catch (SocketException)
                {
                    // In use by something else on the machine: try another.
                }
            }
        }

        throw new InvalidOperationException("no free port between 20000 and 32000");
    }

    /// <summary>One signed-in caller's clients.</summary>
    public sealed class User(CallInvoker invoker)
    {
        public ApplicationService.ApplicationServiceClient Applications { get; } = new(invoker);
        public ReviewService.ReviewServiceClient Reviews { get; } = new(invoker);
        public CatalogService.CatalogServiceClient Catalog { get; } = new(invoker);
        public StatisticsService.StatisticsServiceClient Statistics { get; } = new(invoker);
        public SimulationService.SimulationServiceClient Simulation { get; } = new(invoker);
        public FederationService.FederationServiceClient Federation { get; } = new(invoker);
        public NodeService.NodeServiceClient Node { get; } = new(invoker);
        public AuditService.AuditServiceClient Audit { get; } = new(invoker);
        public OperationsService.OperationsServiceClient Operations { get; } = new(invoker);
    }
}
