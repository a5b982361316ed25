using DataAccessBroker.Cli;
using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Infrastructure.Audit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DataAccessBroker.IntegrationTests;

/// <summary>
/// The history is tamper-evident: an event changed or removed through a superuser connection (past the append-only
/// trigger) is found by the verification, and by `dab audit verify` with its own exit code. The broker's own role
/// cannot do even that: it may only read and append.
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
