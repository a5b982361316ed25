using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Grpc.Health.V1;
using static DataAccessBroker.IntegrationTests.Scenario;

namespace DataAccessBroker.IntegrationTests;

/// <summary>A broker that verifies the history every second instead of every day.</summary>
public sealed class AuditVerificationFixture : BrokerFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Audit:VerifyEvery", "00:00:01")];
}

/// <summary>
/// The scheduled verification finds a changed event without anyone asking, shows it to operators on the readiness
/// report and in the metrics, and clears when a later verification finds the chain whole again.
/// </summary>
public sealed class AuditVerificationTests(AuditVerificationFixture broker) : IClassFixture<AuditVerificationFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly Scenario _s = new(broker);

    [Fact]
    public async Task A_changed_event_degrades_the_readiness_report_until_a_verification_finds_the_chain_whole_again()
    {
        using var http = new HttpClient { BaseAddress = new Uri(broker.OperationsAddress) };
        var application = (await _s.SubmittedAsync()).Name;
        var id = application["applications/".Length..];
        var events = await broker.Database.CountAsync("application_events");
        var verified = await PollAsync(() => AuditCheckAsync(http),
            c => c.Description.Contains($": {events} events,", StringComparison.Ordinal), Patience);
        Assert.Equal((HttpStatusCode.OK, "Healthy", "Healthy"), (verified.Code, verified.Overall, verified.Status));

        // A superuser renames the applicant of the first event, past the append-only trigger.
        var original = await broker.Database.ScalarAsync<string>(
            $"select actor_name from application_events where application_id = '{id}' and sequence = 1");
        await RewriteFirstEventAsync(id, "Someone else");
        var broken = await PollAsync(() => AuditCheckAsync(http), c => c.Status != "Healthy", Patience);

        // Still serving (every broker on the database would report the same), but degraded, naming the link.
        Assert.Equal((HttpStatusCode.OK, "Degraded", "Degraded"), (broken.Code, broken.Overall, broken.Status));
        Assert.Contains($"the first broken link is {application}, event 1: altered", broken.Description);
        Assert.Matches(ChainIntact(0), await PollAsync(() => http.GetStringAsync("/metrics"), ChainIntact(0).IsMatch, Patience));
        var grpcHealth = await new Health.HealthClient(broker.Channel).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, grpcHealth.Status);

        // Restored (from a backup, say): the next verification clears it.
        await RewriteFirstEventAsync(id, original);
        var restored = await PollAsync(() => AuditCheckAsync(http), c => c.Status == "Healthy", Patience);
        Assert.Equal(("Healthy", "Healthy"), (restored.Overall, restored.Status));
        Assert.Matches(ChainIntact(1), await PollAsync(() => http.GetStringAsync("/metrics"), ChainIntact(1).IsMatch, Patience));
    }

    /// <summary>The gauge's line in the Prometheus text, with whatever labels the exporter adds.</summary>
    private static Regex ChainIntact(int value) => new($@"(?m)^dab_audit_chain_intact(\{{[^}}]*\}})? {value}( |$)");

    private Task RewriteFirstEventAsync(string id, string actorName) => broker.Database.ExecuteAsync($"""
        alter table application_events disable trigger application_events_append_only;
        update application_events set actor_name = '{actorName}' where application_id = '{id}' and sequence = 1;
        alter table application_events enable trigger application_events_append_only;
        """);

    /// <summary>The readiness answer: its HTTP status, the overall status, and the audit check's.</summary>
    private static async Task<(HttpStatusCode Code, string Overall, string Status, string Description)> AuditCheckAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/health/ready");
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var audit = report.RootElement.GetProperty("checks").GetProperty("audit");
        return (response.StatusCode, report.RootElement.GetProperty("status").GetString()!,
            audit.GetProperty("status").GetString()!, audit.GetProperty("description").GetString()!);
    }
}
