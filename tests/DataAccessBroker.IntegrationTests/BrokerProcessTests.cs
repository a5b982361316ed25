using DataAccessBroker.Contracts.V1;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Npgsql;
using Xunit.Abstractions;
using static DataAccessBroker.IntegrationTests.Scenario;

namespace DataAccessBroker.IntegrationTests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrokerProcessCollection
{
    public const string Name = "Broker processes (run alone, so timings are the broker's own)";
}

/// <summary>The broker as real processes: killed with SIGKILL and restarted, and two of them on one database.</summary>
[Collection(BrokerProcessCollection.Name)]
public sealed class BrokerProcessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), $"dab-key-{Guid.NewGuid():N}.pem");
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        File.Delete(_keyFile);
    }

    [Fact]
    public async Task After_a_SIGKILL_and_a_restart_every_due_breach_is_recorded_exactly_once_and_on_time()
    {
        // 500 REK tasks whose deadlines fall 20-60 s after submission, spread over five committees.
        string[] committees = ["rek-sor-ost-a", "rek-sor-ost-b", "rek-sor-ost-c", "rek-sor-ost-d", "rek-vest"];
        var settings = committees.Select((c, i) => KeyValuePair.Create($"Sla:Overrides:{c}", $"{20 + 10 * i} seconds"))
            .Append(KeyValuePair.Create("Sla:EscalationAt", "1000"))
            .ToList();
        var (grpcPort, issuerPort) = (BrokerFixture.FreePort(), BrokerFixture.FreePort());
        var broker = await BrokerProcess.StartAsync(_database.ConnectionString, grpcPort, issuerPort, _keyFile, settings);
        var start = DateTimeOffset.UtcNow;
        await SubmitAsync(broker, 500, i => committees[i % committees.Length]);
        output.WriteLine($"500 applications submitted in {(DateTimeOffset.UtcNow - start).TotalSeconds:0.0} s");

        await Task.Delay(start.AddSeconds(32) - DateTimeOffset.UtcNow);
        broker.Kill();
        var killed = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(10));
        var restarted = DateTimeOffset.UtcNow;
        await using var second = await BrokerProcess.StartAsync(_database.ConnectionString, grpcPort, issuerPort, _keyFile, settings);
        output.WriteLine($"killed at +{(killed - start).TotalSeconds:0.0} s, restarted at +{(restarted - start).TotalSeconds:0.0} s, " +
            $"serving after {(DateTimeOffset.UtcNow - restarted).TotalSeconds:0.0} s");

        var latest = await _database.ScalarAsync<DateTimeOffset>("select max(deadline_time) from sla_timers where subject = 'StageTask'");
        var firings = await PollFiringsAsync("Breach", 500, latest + TimeSpan.FromSeconds(15));

        Assert.Equal(500, firings.Count);
        Assert.Equal(0L, await _database.ScalarAsync<long>("""
            select count(*) from (select task_id from application_events where action = 'SlaBreach'
                                  group by task_id having count(*) > 1) duplicates
            """));
        Assert.Equal(500L, await _database.ScalarAsync<long>("select count(*) from application_events where action = 'SlaBreach'"));
        Assert.All(firings, f => Assert.True(f.Fired >= f.Due, $"breach fired {f.Fired:O}, before its deadline {f.Due:O}"));
        var beforeCrash = firings.Count(f => f.Fired < killed);
        Assert.True(beforeCrash > 0 && beforeCrash < 500, $"the kill should fall partway; {beforeCrash} fired before it");

        var lateness = firings
            .Select(f => (f.Fired - (f.Fired < killed ? f.Due : Max(f.Due, restarted))).TotalSeconds)
            .Order().ToList();
        var afterRestart = firings.Where(f => f.Fired >= killed)
            .Select(f => (f.Fired - Max(f.Due, restarted)).TotalSeconds).Order().ToList();
        output.WriteLine($"breach lateness over all 500: median {Median(lateness):0.000} s, worst {lateness[^1]:0.000} s");
        output.WriteLine($"fired before the kill: {beforeCrash}; after the restart: {afterRestart.Count}, " +
            $"lateness after max(deadline, restart): median {Median(afterRestart):0.000} s, worst {afterRestart[^1]:0.000} s");
        Assert.True(lateness[^1] <= 10, $"the worst breach came {lateness[^1]:0.0} s after max(deadline, restart)");
    }

    [Fact]
    public async Task Two_brokers_on_one_database_record_no_milestone_twice()
    {
        string[] committees = ["rek-sor-ost-a", "rek-vest", "rek-midt", "rek-nord"];
        var settings = committees.Select((c, i) => KeyValuePair.Create($"Sla:Overrides:{c}", $"{3 + i} seconds")).ToList();
        await using var first = await BrokerProcess.StartAsync(
            _database.ConnectionString, BrokerFixture.FreePort(), BrokerFixture.FreePort(), _keyFile, settings);
        await using var second = await BrokerProcess.StartAsync(
            _database.ConnectionString, BrokerFixture.FreePort(), BrokerFixture.FreePort(), _keyFile, settings);

        await Task.WhenAll(
            SubmitAsync(first, 50, i => committees[i % committees.Length]),
            SubmitAsync(second, 50, i => committees[(i + 1) % committees.Length]));
        var latest = await _database.ScalarAsync<DateTimeOffset>("select max(start_time + allowance_us * 1.5 * interval '1 microsecond') from sla_timers where subject = 'StageTask'");
        var firings = await PollFiringsAsync(null, 300, latest + TimeSpan.FromSeconds(15));

        Assert.Equal(300, firings.Count); // reminder, breach and escalation of 100 tasks
        Assert.Equal(0L, await _database.ScalarAsync<long>("""
            select count(*) from (select task_id, action from application_events where action like 'Sla%'
                                  group by task_id, action having count(*) > 1) duplicates
            """));
        Assert.Equal(0L, await _database.ScalarAsync<long>("""
            select count(*) from (select task_id, kind from notifications group by task_id, kind having count(*) > 1) d
            """));
        Assert.Equal(300L, await _database.ScalarAsync<long>("select count(*) from application_events where action like 'Sla%'"));
    }

    private async Task SubmitAsync(BrokerProcess broker, int count, Func<int, string> committee)
    {
        var token = broker.TokenFor("ada", "uio", "Applicant");
        using var channel = GrpcChannel.ForAddress(broker.GrpcAddress);
        var client = new ApplicationService.ApplicationServiceClient(channel.Intercept(m =>
        {
            m.Add("Authorization", $"Bearer {token}");
            return m;
        }));
        using var gate = new SemaphoreSlim(16);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var application = CompleteApplication();
                application.RekCommittee = committee(i);
                var created = await client.CreateApplicationAsync(new CreateApplicationRequest { Application = application });
                await client.SubmitApplicationAsync(new SubmitApplicationRequest { Name = created.Application.Name });
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    private async Task<List<(DateTimeOffset Due, DateTimeOffset Fired)>> PollFiringsAsync(
        string? milestone, int expected, DateTimeOffset giveUp)
    {
        while (true)
        {
            var firings = new List<(DateTimeOffset, DateTimeOffset)>();
            await using (var connection = new NpgsqlConnection(_database.ConnectionString))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("""
                    select f.due_time, f.fired_time from sla_firings f join sla_timers t on t.id = f.timer_id
                    where t.subject = 'StageTask' and ($1::text is null or f.milestone = $1)
                    """, connection);
                command.Parameters.Add(new NpgsqlParameter { Value = (object?)milestone ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
                await using var r = await command.ExecuteReaderAsync();
                while (await r.ReadAsync()) firings.Add((r.GetFieldValue<DateTimeOffset>(0), r.GetFieldValue<DateTimeOffset>(1)));
            }

            if (firings.Count >= expected || DateTimeOffset.UtcNow > giveUp) return firings;
            await Task.Delay(500);
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static double Median(IReadOnlyList<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
