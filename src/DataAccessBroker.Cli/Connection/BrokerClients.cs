using DataAccessBroker.Contracts.V1;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace DataAccessBroker.Cli.Connection;

/// <summary>The broker's services over one channel, carrying the signed-in user's token.</summary>
public sealed class BrokerClients : IDisposable
{
    private readonly GrpcChannel _channel;

    public BrokerClients(string server, string? token)
    {
        try
        {
            _channel = GrpcChannel.ForAddress(server);
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException)
        {
            throw new Commands.UsageException($"--server '{server}' is not a broker address such as http://127.0.0.1:5080");
        }

        var invoker = _channel.Intercept(metadata =>
        {
            if (token is not null) metadata.Add("Authorization", $"Bearer {token}");
            return metadata;
        });
        Applications = new ApplicationService.ApplicationServiceClient(invoker);
        Reviews = new ReviewService.ReviewServiceClient(invoker);
        Catalog = new CatalogService.CatalogServiceClient(invoker);
        Statistics = new StatisticsService.StatisticsServiceClient(invoker);
        Simulation = new SimulationService.SimulationServiceClient(invoker);
        Federation = new FederationService.FederationServiceClient(invoker);
        Audit = new AuditService.AuditServiceClient(invoker);
        Operations = new OperationsService.OperationsServiceClient(invoker);
    }

    public ApplicationService.ApplicationServiceClient Applications { get; }
    public ReviewService.ReviewServiceClient Reviews { get; }
    public CatalogService.CatalogServiceClient Catalog { get; }
    public StatisticsService.StatisticsServiceClient Statistics { get; }
    public SimulationService.SimulationServiceClient Simulation { get; }
    public FederationService.FederationServiceClient Federation { get; }
    public AuditService.AuditServiceClient Audit { get; }
    public OperationsService.OperationsServiceClient Operations { get; }

    /// <summary>A deadline for every call, so a hung broker never hangs a script.</summary>
    public static CallOptions Call(CancellationToken cancellationToken) =>
        new(deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: cancellationToken);

    public void Dispose() => _channel.Dispose();
}
