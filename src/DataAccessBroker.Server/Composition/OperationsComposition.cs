using DataAccessBroker.Infrastructure.Observability;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DataAccessBroker.Server.Composition;

/// <summary>
/// What orchestrators and operators watch, on the operations endpoint (HTTP/1.1, <c>Kestrel:Endpoints:Operations</c>,
/// never the gRPC one): liveness and readiness probes and a Prometheus scrape endpoint; and OpenTelemetry traces
/// (gRPC requests, Npgsql statements, SLA firing) and metrics, sent over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// is set.
/// </summary>
public static class OperationsComposition
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    public const string MetricsPath = "/metrics";
    private const string Ready = "ready";

    public static void AddBrokerOperations(this WebApplicationBuilder builder)
    {
        builder.Services.AddGrpcHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready], timeout: TimeSpan.FromSeconds(3))
            .AddCheck<SchedulerHealthCheck>("scheduler", tags: [Ready])
            .AddCheck<AuditHealthCheck>("audit", tags: [Ready]);

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("data-access-broker"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter(BrokerMetrics.MeterName, "Npgsql")
                .AddPrometheusExporter());
        // Traces only when there is somewhere to send them: recording spans nobody collects costs every request.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddAspNetCoreInstrumentation()
                    .AddNpgsql()
                    .AddSource(BrokerTelemetry.SourceName))
                .UseOtlpExporter();
        }
    }

    public static void MapBrokerOperations(this WebApplication app)
    {
        var operations = OperationsHost(app.Configuration);
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false })
            .RequireHost(operations).AllowAnonymous();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions
            {
                Predicate = check => check.Tags.Contains(Ready),
                ResponseWriter = HealthReportWriter.WriteAsync,
            })
            .RequireHost(operations).AllowAnonymous();
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireHost(operations).AllowAnonymous();
    }

    /// <summary>The host pattern (<c>*:port</c>) that keeps an endpoint to the operations port.</summary>
    public static string OperationsHost(IConfiguration configuration)
    {
        var url = configuration["Kestrel:Endpoints:Operations:Url"]
            ?? throw new InvalidOperationException("Kestrel:Endpoints:Operations:Url is not set: the operations endpoint is required");
        return $"*:{BindingAddress.Parse(url).Port}";
    }
}
