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
        var broker = await BrokerProcess.StartAsync(_database.Roles, grpcPort, issuerPort, _keyFile, settings);
        var start = DateTimeOffset.UtcNow;
        await SubmitAsync(broker, 500, i => committees[i % committees.Length]);
        output.WriteLine($"500 applications submitted in {(DateTimeOffset.UtcNow - start).TotalSeconds:0.0} s");

        await Task.Delay(start.AddSeconds(32) - DateTimeOffset.UtcNow);
        broker.Kill();
        var killed = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(10));
        var restarted = DateTimeOffset.UtcNow;
        await using var second = await BrokerProcess.StartAsync(_database.Roles, grpcPort, issuerPort, _keyFile, settings);
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
            _database.Roles, BrokerFixture.FreePort(), BrokerFixture.FreePort(), _keyFile, settings);
        await using var second = await BrokerProcess.StartAsync(
            _database.Roles, BrokerFixture.FreePort(), BrokerFixture.FreePort(), _keyFile, settings);

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

    [Fact]
    public async Task After_a_SIGKILL_a_task_closed_before_any_firing_has_every_milestone_due_before_its_close_on_record_once()
    {
        // 300 REK tasks of 10-14 s; the broker dies right after submitting them and is down while every milestone
        // falls due. Its successor runs no firing process, so the approvals alone must settle what is due.
        string[] committees = ["rek-sor-ost-a", "rek-sor-ost-b", "rek-sor-ost-c", "rek-sor-ost-d", "rek-vest"];
        var settings = committees.Select((c, i) => KeyValuePair.Create($"Sla:Overrides:{c}", $"{10 + i} seconds")).ToList();
        var (grpcPort, issuerPort) = (BrokerFixture.FreePort(), BrokerFixture.FreePort());
        var broker = await BrokerProcess.StartAsync(_database.Roles, grpcPort, issuerPort, _keyFile, settings);
        await SubmitAsync(broker, 300, i => committees[i % committees.Length]);
        broker.Kill();
        var lastEscalation = await _database.ScalarAsync<DateTimeOffset>(
            "select max(start_time + allowance_us * 1.5 * interval '1 microsecond') from sla_timers where subject = 'StageTask'");
        await Task.Delay(lastEscalation + TimeSpan.FromSeconds(0.5) - DateTimeOffset.UtcNow);

        await using var successor = await BrokerProcess.StartAsync(_database.Roles, grpcPort, issuerPort, _keyFile,
            [.. settings, KeyValuePair.Create("Jobs:RunServer", "false")]);
        await ApproveAllRekTasksAsync(successor, committees);

        Assert.Equal(300L, await _database.ScalarAsync<long>(
            "select count(*) from stage_tasks where stage = 'RekReview' and status = 'Approved'"));
        // Every milestone on record once (the key allows no more), with the due time its allowance gives, recorded
        // no earlier than due and no later than the close.
        Assert.Equal(900L, await _database.ScalarAsync<long>("""
            select count(*) from sla_firings f join sla_timers t on t.id = f.timer_id join stage_tasks s on s.id = t.task_id
            where f.due_time = t.start_time + t.allowance_us * case f.milestone when 'Reminder' then 0.75
                                                                                when 'Breach' then 1.0 else 1.5 end
                                              * interval '1 microsecond'
              and f.fired_time >= f.due_time and f.fired_time <= s.closed_time
            """));
        Assert.Equal(900L, await _database.ScalarAsync<long>(
            "select count(*) from application_events where action in ('SlaReminder', 'SlaBreach', 'SlaEscalation')"));
        Assert.Equal(900L, await _database.ScalarAsync<long>(
            "select count(distinct (task_id, kind)) from notifications where task_id is not null"));
        Assert.Equal(0L, await _database.ScalarAsync<long>("select count(*) from stage_intervals where within_sla"));
    }

    [Fact]
    public async Task A_SIGKILL_under_write_load_slows_no_later_call_and_leaves_no_orphan_job()
    {
        // Owner reviews of npr allow 4 s, so milestones fire while the load runs.
        KeyValuePair<string, string>[] settings = [KeyValuePair.Create("Sla:Overrides:npr", "4 seconds")];
        var (grpcPort, issuerPort) = (BrokerFixture.FreePort(), BrokerFixture.FreePort());
        var first = await BrokerProcess.StartAsync(_database.Roles, grpcPort, issuerPort, _keyFile, settings);
        var coldStart = await LoadAsync(first, TimeSpan.FromSeconds(6), killAfter: null);
        var killed = await LoadAsync(first, TimeSpan.FromSeconds(4), killAfter: TimeSpan.FromSeconds(2));

        await using var second = await BrokerProcess.StartAsync(_database.Roles, grpcPort, issuerPort, _keyFile, settings);
        var afterRestart = await LoadAsync(second, TimeSpan.FromSeconds(6), killAfter: null);

        foreach (var kind in new[] { "Create", "Submit", "Approve" })
        {
            var before = coldStart.Calls.Where(c => c.Kind == kind).Max(c => c.Latency);
            var after = afterRestart.Calls.Where(c => c.Kind == kind).Max(c => c.Latency);
            output.WriteLine($"{kind}: worst {before.TotalMilliseconds:0} ms after a clean start, {after.TotalMilliseconds:0} ms after the SIGKILL");
            Assert.True(after <= before + TimeSpan.FromSeconds(1), $"{kind} took {after} after the restart, {before} after a clean start");
        }

        Assert.All(afterRestart.Calls, c => Assert.Equal(Grpc.Core.StatusCode.OK, c.Code));
        Assert.Contains(killed.Calls, c => c.Code == Grpc.Core.StatusCode.Unavailable);
        // Nothing acknowledged was lost (a write the kill cut off after its commit may exist unacknowledged); nothing
        // was left behind in the job store.
        var created = coldStart.Created.Concat(killed.Created).Concat(afterRestart.Created).Select(Id).ToList();
        Assert.Equal(created.Count, await _database.CountAsync("applications", $"id in ('{string.Join("','", created)}')"));
        var approved = coldStart.Approved.Concat(killed.Approved).Concat(afterRestart.Approved).Select(Id).ToList();
        Assert.Equal(approved.Count, await _database.CountAsync("stage_tasks",
            $"status = 'Approved' and id in ('{string.Join("','", approved)}')"));
        Assert.Equal(0L, await _database.ScalarAsync<long>("""
            select count(*) from hangfire.job where (statename is null or statename in ('Scheduled', 'Enqueued', 'Processing'))
              and invocationdata::text not like '%BacklogSnapshots%'
            """));
    }

    [Fact]
    public async Task A_database_outage_answers_UNAVAILABLE_never_INTERNAL_and_readiness_follows_it()
    {
        await using var cluster = await LocalPostgres.StartAsync();
        await using var broker = await BrokerProcess.StartAsync(cluster.Roles, BrokerFixture.FreePort(),
            BrokerFixture.FreePort(), _keyFile, [KeyValuePair.Create("Sla:Overrides:npr", "4 seconds")]);
        using var http = new HttpClient { BaseAddress = new Uri(broker.OperationsAddress) };
        async Task<System.Net.HttpStatusCode> ReadinessAsync() => (await http.GetAsync("/health/ready")).StatusCode;
        Assert.Equal(System.Net.HttpStatusCode.OK, await ReadinessAsync());
        using var load = new WorkflowLoad(broker);
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(4, stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(3));

        await cluster.StopAsync();
        var stopped = DateTimeOffset.UtcNow;
        var unready = await PollAsync(ReadinessAsync, s => s != System.Net.HttpStatusCode.OK, TimeSpan.FromSeconds(10));
        await Task.Delay(TimeSpan.FromSeconds(3));
        await cluster.StartAgainAsync();
        var back = DateTimeOffset.UtcNow;
        var ready = await PollAsync(ReadinessAsync, s => s == System.Net.HttpStatusCode.OK, TimeSpan.FromSeconds(20));
        var readyAt = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(3));
        await stop.CancelAsync();
        await running;

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, unready);
        Assert.Equal(System.Net.HttpStatusCode.OK, ready);
        var codes = load.Calls.GroupBy(c => c.Code).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine(string.Join(", ", codes.Select(c => $"{c.Key}: {c.Value}")));
        Assert.Equal([Grpc.Core.StatusCode.OK, Grpc.Core.StatusCode.Unavailable], codes.Keys.Order());
        Assert.All(load.Calls.Where(c => c.Started > readyAt.AddSeconds(1)), c => Assert.Equal(Grpc.Core.StatusCode.OK, c.Code));
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("select count(*) from applications where id = any($1)", connection);
        count.Parameters.AddWithValue(load.Created.Select(name => Guid.Parse(Id(name))).ToArray());
        Assert.Equal((long)load.Created.Count, (long)(await count.ExecuteScalarAsync())!); // every acknowledged create kept
        // The owner reviews allow 4 s, so milestones fell due while the database was away: firing resumed at once.
        await using var late = new NpgsqlCommand(
            "select max(extract(epoch from fired_time - greatest(due_time, $1))) from sla_firings where due_time < $2",
            connection);
        late.Parameters.AddWithValue(back);
        late.Parameters.AddWithValue(back);
        var worst = (await late.ExecuteScalarAsync()) as decimal?;
        output.WriteLine($"milestones due before the database came back: worst {worst:0.00} s after max(due, back); outage {(back - stopped).TotalSeconds:0.0} s");
        Assert.NotNull(worst);
        Assert.True(worst <= 5, $"a milestone due during the outage was recorded {worst} s after the database came back");
    }

    /// <summary>Runs the workflow load for a while, killing the broker partway when asked.</summary>
    private static async Task<WorkflowLoad> LoadAsync(BrokerProcess broker, TimeSpan duration, TimeSpan? killAfter)
    {
        var load = new WorkflowLoad(broker);
        using var stop = new CancellationTokenSource(duration);
        var running = load.RunAsync(8, stop.Token);
        if (killAfter is { } delay)
        {
            await Task.Delay(delay);
            broker.Kill();
        }

        await running;
        load.Dispose();
        return load;
    }

    private static async Task ApproveAllRekTasksAsync(BrokerProcess broker, string[] committees)
    {
        foreach (var committee in committees)
        {
            var token = broker.TokenFor($"reviewer-{committee}", committee, "RekReviewer");
            using var channel = GrpcChannel.ForAddress(broker.GrpcAddress);
            var reviews = new ReviewService.ReviewServiceClient(channel.Intercept(m =>
            {
                m.Add("Authorization", $"Bearer {token}");
                return m;
            }));
            var tasks = new List<StageTask>();
            var page = "";
            do
            {
                var response = await reviews.ListTasksAsync(new ListTasksRequest { PageSize = 100, PageToken = page });
                tasks.AddRange(response.Tasks);
                page = response.NextPageToken;
            }
            while (page.Length > 0);

            using var gate = new SemaphoreSlim(16);
            await Task.WhenAll(tasks.Select(async task =>
            {
                await gate.WaitAsync();
                try
                {
                    await reviews.ApproveTaskAsync(new ApproveTaskRequest { Name = task.Name });
                }
                finally
                {
                    gate.Release();
                }
            }));
        }
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

    /// <summary>The id at the end of a resource name (applications/{id} or applications/{id}/tasks/{id}).</summary>
    private static string Id(string name) => name[(name.LastIndexOf('/') + 1)..];

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static double Median(IReadOnlyList<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
