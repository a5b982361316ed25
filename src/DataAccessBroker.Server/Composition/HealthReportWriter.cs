using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DataAccessBroker.Server.Composition;

/// <summary>The readiness answer as JSON: the overall status and each check's, with its description, never an exception.</summary>
public static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }
}
