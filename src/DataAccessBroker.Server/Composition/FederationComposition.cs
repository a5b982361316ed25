using DataAccessBroker.Infrastructure.Federation;
using DataAccessBroker.Infrastructure.Persistence;
using DataAccessBroker.Server.Federation;
using DataAccessBroker.Server.Publication;
using DataAccessBroker.Server.Services;

namespace DataAccessBroker.Server.Composition;

/// <summary>
/// This broker as a node among peers (sections <c>Node</c> and <c>Federation</c>): the gRPC transport to the peers,
/// the node service they call, the admin's federation service, and the DCAT-AP catalogue on the operations port.
/// </summary>
public static class FederationComposition
{
    public static (NodeOptions Node, FederationOptions Federation) ReadFederationOptions(this WebApplicationBuilder builder)
    {
        var node = builder.Configuration.GetSection("Node").Get<NodeOptions>() ?? new NodeOptions();
        var federation = builder.Configuration.GetSection("Federation").Get<FederationOptions>() ?? new FederationOptions();
        var problems = federation.Problems(node);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"The Node/Federation configuration is wrong: {string.Join("; ", problems)}");
        }

        return (node, federation);
    }

    public static void AddBrokerFederation(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<GrpcNodeTransport>();
        builder.Services.AddSingleton<INodeTransport>(provider => provider.GetRequiredService<GrpcNodeTransport>());
        builder.Services.AddSingleton<FederatedStatistics>();
    }

    public static void MapBrokerFederation(this WebApplication app)
    {
        app.MapGrpcService<NodeGrpcService>();
        app.MapGrpcService<FederationGrpcService>();
        app.MapGet(DcatApCatalog.Path, async (HttpContext http, CatalogRepository catalog, NodeOptions node) =>
            {
                var sources = await catalog.ListOwnDataSourcesAsync(http.RequestAborted);
                var published = new Uri($"{http.Request.Scheme}://{http.Request.Host}");
                return Results.Text(DcatApCatalog.Build(node, sources, published).ToJsonString(), DcatApCatalog.MediaType);
            })
            .RequireHost(OperationsComposition.OperationsHost(app.Configuration)).AllowAnonymous();
    }
}
