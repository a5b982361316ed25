using DataAccessBroker.Infrastructure.Federation;
using DataAccessBroker.Infrastructure.Persistence;
using DataAccessBroker.Server.Federation;
using DataAccessBroker.Server.Publication;
using DataAccessBroker.Server.Services;
using Microsoft.Extensions.Configuration.Json;

namespace DataAccessBroker.Server.Composition;

/// <summary>
/// This broker as a node among peers (sections <c>Node</c> and <c>Federation</c>): the gRPC transport to the peers,
/// the node service they call, the admin's federation service, and the DCAT-AP catalogue on the operations port.
/// </summary>
public static class FederationComposition
{
    /// <summary>
    /// Layers the node's own settings file, <c>appsettings.{Environment}.{Node:Code}.json</c> (its name, country and,
    /// in development, its demo users), right above <c>appsettings.{Environment}.json</c>: environment variables and
    /// the command line still override it. A node without such a file has none.
    /// </summary>
    public static void AddNodeSettingsFile(this WebApplicationBuilder builder)
    {
        var code = builder.Configuration["Node:Code"] is { Length: > 0 } configured ? configured : new NodeOptions().Code;
        var environmentFile = $"appsettings.{builder.Environment.EnvironmentName}.json";
        var sources = builder.Configuration.Sources;
        var above = sources.Select((source, index) => (source, index))
            .LastOrDefault(s => s.source is JsonConfigurationSource { Path: var path } && path == environmentFile).index;
        var nodeFile = new JsonConfigurationSource
        {
            Path = $"appsettings.{builder.Environment.EnvironmentName}.{code}.json",
            Optional = true,
            FileProvider = builder.Environment.ContentRootFileProvider,
        };
        sources.Insert(above + 1, nodeFile);
    }

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
