using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Web.Composition;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;

namespace DataAccessBroker.Web.Broker;

public static class BrokerConnection
{
    /// <summary>
    /// One gRPC channel for the portal; every call on it asks the current request's <see cref="IBrokerAccessToken"/>
    /// for the user's Authorization header, so no call can go out as anyone else.
    /// </summary>
    public static void AddBrokerClients(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<BrokerOptions>(configuration.GetSection("Broker"));
        services.AddHttpContextAccessor();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<BrokerOptions>>().Value;
            var http = sp.GetRequiredService<IHttpContextAccessor>();
            var user = CallCredentials.FromInterceptor(async (context, metadata) =>
            {
                var request = http.HttpContext ?? throw new SessionExpiredException("a broker call outside a request");
                var token = request.RequestServices.GetRequiredService<IBrokerAccessToken>();
                metadata.Add("Authorization", await token.AuthorizationHeaderAsync(context.CancellationToken));
            });
            var secure = options.Address.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
            return GrpcChannel.ForAddress(options.Address, new GrpcChannelOptions
            {
                Credentials = ChannelCredentials.Create(secure ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure, user),
                // Development runs the broker on plain HTTP over loopback; production names an https address.
                UnsafeUseInsecureChannelCallCredentials = !secure,
                MaxReceiveMessageSize = 16 * 1024 * 1024,
            });
        });
        services.AddTransient(sp => new ApplicationService.ApplicationServiceClient(sp.GetRequiredService<GrpcChannel>()));
        services.AddTransient(sp => new ReviewService.ReviewServiceClient(sp.GetRequiredService<GrpcChannel>()));
        services.AddTransient(sp => new CatalogService.CatalogServiceClient(sp.GetRequiredService<GrpcChannel>()));
        services.AddTransient(sp => new StatisticsService.StatisticsServiceClient(sp.GetRequiredService<GrpcChannel>()));
        services.AddTransient(sp => new FederationService.FederationServiceClient(sp.GetRequiredService<GrpcChannel>()));
        services.AddScoped<BrokerApi>();
    }
}
