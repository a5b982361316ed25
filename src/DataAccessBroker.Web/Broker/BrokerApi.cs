using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Web.Composition;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace DataAccessBroker.Web.Broker;

/// <summary>
/// The broker's services for one request, on the shared channel that adds the signed-in user's token to every call.
/// The portal has no other way to the broker's data.
/// </summary>
public sealed class BrokerApi(
    ApplicationService.ApplicationServiceClient applications,
    ReviewService.ReviewServiceClient reviews,
    CatalogService.CatalogServiceClient catalog,
    StatisticsService.StatisticsServiceClient statistics,
    FederationService.FederationServiceClient federation,
    IHttpContextAccessor http,
    IOptions<BrokerOptions> options)
{
    public ApplicationService.ApplicationServiceClient Applications { get; } = applications;
    public ReviewService.ReviewServiceClient Reviews { get; } = reviews;
    public CatalogService.CatalogServiceClient Catalog { get; } = catalog;
    public StatisticsService.StatisticsServiceClient Statistics { get; } = statistics;
    public FederationService.FederationServiceClient Federation { get; } = federation;

    /// <summary>A deadline for every call, and the request's cancellation: a user who leaves stops the work.</summary>
    public CallOptions Call() => new(deadline: DateTime.UtcNow.Add(options.Value.CallTimeout),
        cancellationToken: http.HttpContext?.RequestAborted ?? CancellationToken.None);
}
