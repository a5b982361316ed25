using DataAccessBroker.Cli;
using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Infrastructure.Audit;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static DataAccessBroker.IntegrationTests.Scenario;
using AccessRecord = DataAccessBroker.Contracts.V1.AccessRecord;

namespace DataAccessBroker.IntegrationTests;

/// <summary>
/// The history is tamper-evident: an event changed or removed through a superuser connection (past the append-only
/// trigger) is found by the verification, and by `dab audit verify` with its own exit code. The broker's own role
/// cannot do even that: it may only read and append. Every read of an application by anyone but its applicant is
/// logged before it is answered, for the admin to list (`dab audit access`).
/// </summary>
[Collection(DabCollection.Name)]
public sealed class AuditTests(BrokerFixture broker) : IClassFixture<BrokerFixture>, IDisposable
{
    private readonly Scenario _s = new(broker);
    private readonly string _sessionFile = Path.Combine(Path.GetTempPath(), $"dab-audit-{Guid.NewGuid():N}.json");

    [Fact]
    public async Task A_changed_event_and_a_removed_one_break_the_chain_where_they_were()
    {
        var first = await DeliveredAsync();
        var second = await DeliveredAsync();
        var intact = await _s.Admin.Audit.VerifyAuditAsync(new VerifyAuditRequest());
        Assert.True(intact.Intact, $"{intact.Application} {intact.Sequence} {intact.Problem}");
        Assert.True(intact.Events >= 2 * 10 && intact.Applications >= 2);
        Assert.Equal(0, (await DabAsync("audit", "verify")).Code);

        // A superuser rewrites the reason of the third event of the first application.
        await TamperAsync($"update application_events set comment = 'Approved without remarks' where application_id = '{Id(first)}' and sequence = 3");
        var altered = await _s.Admin.Audit.VerifyAuditAsync(new VerifyAuditRequest());
        Assert.Equal((false, first, 3, "ALTERED"), (altered.Intact, altered.Application, altered.Sequence, altered.Problem));
        Assert.Equal(ExitCodes.AuditBroken, (await DabAsync("audit", "verify")).Code);

        // Rewriting the hash too only moves the break to the next event.
        await TamperAsync($"""
            update application_events e set hash = sha256(p.hash || application_event_content(e))
            from application_events p
            where e.application_id = '{Id(first)}' and e.sequence = 3 and p.application_id = e.application_id and p.sequence = 2
            """);
        var moved = await _s.Admin.Audit.VerifyAuditAsync(new VerifyAuditRequest());
        Assert.Equal((first, 4, "ALTERED"), (moved.Application, moved.Sequence, moved.Problem));

        // An event removed from the second application.
        await TamperAsync($"delete from application_events where application_id = '{Id(second)}' and sequence = 2");
        await TamperAsync($"delete from application_events where application_id = '{Id(first)}'");
        var removed = await _s.Admin.Audit.VerifyAuditAsync(new VerifyAuditRequest());
        Assert.False(removed.Intact);
        Assert.Contains(removed.Application, new[] { first, second });
        Assert.Equal("MISSING", removed.Problem);
    }

    [Fact]
    public async Task Without_stepping_past_the_trigger_no_connection_can_change_the_history()
    {
        var application = await DeliveredAsync();

        var refused = await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() => broker.Database.ExecuteAsync(
            $"update application_events set comment = 'x' where application_id = '{Id(application)}'"));

        Assert.Contains("append-only", refused.MessageText);
    }

    [Fact]
    public async Task The_brokers_own_role_is_refused_every_change_to_the_history_and_the_report_says_it_may_only_append()
    {
        var application = Id(await DeliveredAsync());
        var events = $"application_id = '{application}'";
        var written = await broker.Database.CountAsync("application_events", events);
        var brokersConnections = broker.Services.GetRequiredService<NpgsqlDataSource>();
        string[] writes =
        [
            $"update application_events set comment = 'Approved without remarks' where application_id = '{application}'",
            $"delete from application_events where application_id = '{application}'",
            "truncate application_events",
            // What the superuser above does to step past the append-only trigger.
            "alter table application_events disable trigger application_events_append_only",
        ];

        foreach (var write in writes)
        {
            await using var command = brokersConnections.CreateCommand(write);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.True(refused.SqlState == PostgresErrorCodes.InsufficientPrivilege, $"{write}: {refused.SqlState} {refused.MessageText}");
        }

        var report = await _s.Admin.Audit.VerifyAuditAsync(new VerifyAuditRequest());
        Assert.Equal(TestDatabase.RuntimeRole, report.DatabaseRole);
        Assert.Empty(report.HistoryWritePrivileges);
        Assert.Contains($"The broker's database role {TestDatabase.RuntimeRole} may only read and append events.",
            (await DabAsync("audit", "verify")).Output);
        Assert.True(written >= 10, $"{written} events");
        Assert.Equal(written, await broker.Database.CountAsync("application_events", events));
    }

    [Fact]
    public async Task A_broker_connected_as_the_schema_owner_is_reported_able_to_change_the_history()
    {
        await using var owner = NpgsqlDataSource.Create(broker.Database.ConnectionString);

        var access = await new AuditVerifier(owner).HistoryWriteAccessAsync(CancellationToken.None);

        Assert.Equal(["SUPERUSER", "OWNER", "UPDATE", "DELETE", "TRUNCATE"], access.Privileges);
        Assert.True(access.CanAlterHistory);
    }

    [Fact]
    public async Task A_reviewers_reads_are_logged_naming_them_and_the_applicants_own_are_not()
    {
        var application = (await _s.SubmittedAsync()).Name;
        await ReadEverywayAsync(_s.Ada, application);
        Assert.Equal(0L, await broker.Database.CountAsync("application_access", $"application_id = '{Id(application)}'"));

        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await ReadEverywayAsync(_s.RekVest, application);

        var records = (await _s.Admin.Audit.ListApplicationAccessAsync(
            new ListApplicationAccessRequest { Parent = application })).AccessRecords;
        Assert.Equal(["GetApplication", "ListApplications", "ListApplicationEvents"], records.Select(r => r.Read));
        Assert.All(records, r =>
        {
            Assert.Equal((application, "vera", "vera", "rek-vest"), (r.Application, r.Actor, r.ActorName, r.ActorOrganisation));
            Assert.Equal(["RekReviewer"], r.ActorRoles);
            Assert.InRange(r.ReadTime.ToDateTimeOffset(), before, DateTimeOffset.UtcNow.AddSeconds(1));
        });
        // One at a time, page by page (AIP-158), the same records in the same order.
        var paged = new List<AccessRecord>();
        var token = "";
        do
        {
            var page = await _s.Admin.Audit.ListApplicationAccessAsync(
                new ListApplicationAccessRequest { Parent = application, PageSize = 1, PageToken = token });
            Assert.InRange(page.AccessRecords.Count, 0, 1);
            paged.AddRange(page.AccessRecords);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(records, paged);
        // Listing the log reads no application: it adds nothing to it.
        Assert.Equal(3L, await broker.Database.CountAsync("application_access", $"application_id = '{Id(application)}'"));
    }

    [Fact]
    public async Task Only_an_admin_lists_who_read_an_application_and_only_of_one_that_exists()
    {
        var application = (await _s.SubmittedAsync()).Name;
        var request = new ListApplicationAccessRequest { Parent = application };

        foreach (var other in new[] { _s.Ada, _s.RekVest, _s.Hds, _s.Analyst })
        {
            Assert.Equal(StatusCode.PermissionDenied, (await FailureOf(() => other.Audit.ListApplicationAccessAsync(request).ResponseAsync)).Code);
        }

        Assert.Empty((await _s.Admin.Audit.ListApplicationAccessAsync(request)).AccessRecords);
        Assert.Equal(StatusCode.NotFound, (await FailureOf(() => _s.Admin.Audit.ListApplicationAccessAsync(
            new ListApplicationAccessRequest { Parent = $"applications/{Guid.NewGuid()}" }).ResponseAsync)).Code);
        var (code, status) = await FailureOf(() => _s.Admin.Audit.ListApplicationAccessAsync(
            new ListApplicationAccessRequest { Parent = "applications/not-a-uuid" }).ResponseAsync);
        Assert.Equal((StatusCode.InvalidArgument, "parent"), (code, FieldViolations(status).Single().Field));
    }

    [Fact]
    public async Task Dab_audit_access_prints_who_read_the_application_and_when()
    {
        var application = (await _s.SubmittedAsync()).Name;
        await _s.GetAsync(application, _s.Hds);

        var (code, output) = await DabAsync("audit", "access", Id(application));
        var json = await DabAsync("audit", "access", Id(application), "--json");

        Assert.Equal(0, code);
        var row = output.Split('\n').Single(l => l.Contains("hanne", StringComparison.Ordinal));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2} [+-]\d{2}:\d{2} +hanne +hanne +hds +HdsCaseOfficer +GetApplication", row);
        using var record = System.Text.Json.JsonDocument.Parse(json.Output.Trim());
        Assert.Equal("hanne", Assert.Single(record.RootElement.GetProperty("accessRecords").EnumerateArray()).GetProperty("actor").GetString());
    }

    [Fact]
    public async Task A_read_the_access_log_cannot_record_is_refused_and_the_applicants_own_still_answers()
    {
        var application = (await _s.SubmittedAsync()).Name;
        var role = TestDatabase.QuotedRuntimeRole;
        await broker.Database.ExecuteAsync($"revoke insert on application_access from {role}");
        try
        {
            var (code, status) = await FailureOf(() => _s.GetAsync(application, _s.Hds));
            Assert.Equal((StatusCode.Unavailable, "ACCESS_NOT_RECORDED"), (code, status!.GetDetail<Google.Rpc.ErrorInfo>().Reason));
            Assert.Equal(StatusCode.Unavailable, (await FailureOf(() => _s.Hds.Applications.ListApplicationEventsAsync(
                new ListApplicationEventsRequest { Parent = application }).ResponseAsync)).Code);
            Assert.Equal(application, (await _s.GetAsync(application, _s.Ada)).Name);
        }
        finally
        {
            await broker.Database.ExecuteAsync($"grant insert on application_access to {role}");
        }

        Assert.Equal(application, (await _s.GetAsync(application, _s.Hds)).Name);
    }

    /// <summary>Every read that returns the application's content or history, each once.</summary>
    private static async Task ReadEverywayAsync(BrokerFixture.User reader, string application)
    {
        await reader.Applications.GetApplicationAsync(new GetApplicationRequest { Name = application });
        var listed = await reader.Applications.ListApplicationsAsync(new ListApplicationsRequest { PageSize = 100 });
        Assert.Contains(listed.Applications, a => a.Name == application);
        await reader.Applications.ListApplicationEventsAsync(new ListApplicationEventsRequest { Parent = application });
    }

    private async Task<string> DeliveredAsync()
    {
        var application = await _s.SubmittedAsync();
        await _s.ApproveRekAsync(application.Name);
        await _s.ApproveDataOwnersAsync(application.Name);
        await _s.ApproveHdsAsync(application.Name);
        await _s.DeliverAllAsync(application.Name);
        return application.Name;
    }

    private static string Id(string name) => name["applications/".Length..];

    /// <summary>What only a superuser can do: step past the append-only trigger for one statement.</summary>
    private Task TamperAsync(string sql) => broker.Database.ExecuteAsync($"""
        alter table application_events disable trigger application_events_append_only;
        {sql};
        alter table application_events enable trigger application_events_append_only;
        """);

    private async Task<(int Code, string Output)> DabAsync(params string[] args)
    {
        Environment.SetEnvironmentVariable("DAB_TOKEN_FILE", _sessionFile);
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var login = await DabCli.RunAsync(["login", "admin", "--issuer", broker.IssuerAddress, "--server", broker.GrpcAddress], stdout, stderr);
        Assert.True(login == 0, stderr.ToString());
        var output = new StringWriter();
        return (await DabCli.RunAsync([.. args, "--server", broker.GrpcAddress], output, stderr), output.ToString());
    }

    public void Dispose() => File.Delete(_sessionFile);
}
