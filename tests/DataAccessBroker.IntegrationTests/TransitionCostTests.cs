using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Infrastructure.Statistics;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static DataAccessBroker.IntegrationTests.Scenario;

namespace DataAccessBroker.IntegrationTests;

/// <summary>
/// A broker that runs no background processes (<c>Jobs:RunServer=false</c>) and reaches its database through a wire
/// counter: everything the database receives comes from the calls a test makes, and nothing fires a milestone or
/// folds a statistics delta behind the test's back. REK midt allows 2 seconds.
/// </summary>
public sealed class QuietBrokerFixture : BrokerFixture
{
    public PostgresWireCounter Wire { get; private set; } = null!;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Jobs:RunServer", "false"),
        new("Sla:Overrides:rek-midt", "2 seconds"),
    ];

    protected override string BrokerConnectionString(string runtimeConnectionString)
    {
        Wire = new PostgresWireCounter(runtimeConnectionString);
        return Wire.ConnectionStringFor(runtimeConnectionString);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Wire.DisposeAsync();
    }
}

/// <summary>What a transition costs the database, and what it settles on its way, with nothing else running.</summary>
public sealed class TransitionCostTests(QuietBrokerFixture broker, ITestOutputHelper output) : IClassFixture<QuietBrokerFixture>
{
    private readonly Scenario _s = new(broker);

    [Fact]
    public async Task Every_transition_is_one_transaction_of_three_round_trips_and_about_a_dozen_statements()
    {
        await WholeApplicationAsync((_, _) => { }); // warm-up: token keys fetched, code compiled, statements prepared
        var costs = new List<(string Call, PostgresWireCounter.Counts Cost)>();

        await WholeApplicationAsync((call, cost) => costs.Add((call, cost)));

        foreach (var (call, cost) in costs)
        {
            output.WriteLine($"{call,-16} {cost.RoundTrips} round trips, {cost.Statements} statements, {cost.Commits} commit");
        }

        Assert.Equal(["Create", "Submit", "ApproveRek", "ApproveOwner", "ApproveOwner", "ApproveHds", "Deliver", "Deliver"],
            costs.Select(c => c.Call));
        // BEGIN, the plan setting, the reads (application, tasks, timers; Submit also the catalog's three tables: sources,
        // committees, the peers' mirror times), one write statement per table the change touches, COMMIT.
        Assert.All(costs, c =>
        {
            Assert.Equal(3, c.Cost.RoundTrips);
            Assert.Equal(1, c.Cost.Commits);
            Assert.InRange(c.Cost.Statements, 4, c.Call == "Submit" ? 15 : 13);
        });
    }

    [Fact]
    public async Task A_read_by_anyone_but_the_applicant_costs_one_statement_more_its_access_row()
    {
        var name = (await _s.SubmittedAsync()).Name;
        var request = new GetApplicationRequest { Name = name };
        async Task<PostgresWireCounter.Counts> CostOf(BrokerFixture.User reader)
        {
            var before = broker.Wire.Current;
            await reader.Applications.GetApplicationAsync(request);
            return broker.Wire.Current - before;
        }

        await CostOf(_s.Ada);
        await CostOf(_s.Hds); // warm-up: statements prepared
        var own = await CostOf(_s.Ada);
        var logged = await CostOf(_s.Hds);

        output.WriteLine($"the applicant's read: {own}; HDS's: {logged}");
        Assert.Equal(own with { RoundTrips = own.RoundTrips + 1, Statements = own.Statements + 1 }, logged);
        Assert.Equal(2L, await broker.Database.CountAsync("application_access", $"application_id = '{name["applications/".Length..]}'"));
        foreach (var (who, reader) in new[] { ("applicant", _s.Ada), ("HDS", _s.Hds) })
        {
            var times = new List<double>();
            for (var i = 0; i < 200; i++)
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                await reader.Applications.GetApplicationAsync(request);
                times.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            times.Sort();
            output.WriteLine($"GetApplication by the {who}: median {times[100]:0.00} ms, p90 {times[180]:0.00} ms over 200");
        }
    }

    [Fact]
    public async Task Concurrent_changes_share_transactions_and_a_refused_one_changes_nothing()
    {
        var tasks = new List<StageTask>();
        for (var i = 0; i < 16; i++) tasks.Add(OpenTask(await _s.SubmittedAsync(sources: "npr"), Stage.RekReview));
        var before = broker.Wire.Current;

        // Half carry a stale etag: each of those is refused alone, in the same transactions as the others.
        var outcomes = await Task.WhenAll(tasks.Select(async (task, i) =>
        {
            var request = new ApproveTaskRequest { Name = task.Name, Etag = i % 2 == 0 ? task.Etag : "\"99\"" };
            try
            {
                await _s.RekVest.Reviews.ApproveTaskAsync(request);
                return Grpc.Core.StatusCode.OK;
            }
            catch (Grpc.Core.RpcException e)
            {
                return e.StatusCode;
            }
        }));

        var cost = broker.Wire.Current - before;
        output.WriteLine($"16 approvals: {cost.Commits} commits, {cost.RoundTrips} round trips, {cost.Statements} statements");
        Assert.Equal(8, outcomes.Count(o => o == Grpc.Core.StatusCode.OK));
        Assert.Equal(8, outcomes.Count(o => o == Grpc.Core.StatusCode.Aborted));
        Assert.InRange(cost.Commits, 1, 15); // some shared a transaction
        for (var i = 0; i < tasks.Count; i++)
        {
            var application = await _s.GetAsync(tasks[i].Application);
            var rek = application.Tasks.Single(t => t.Stage == Stage.RekReview);
            Assert.Equal(i % 2 == 0 ? StageTask.Types.State.Approved : StageTask.Types.State.Open, rek.State);
            Assert.Equal(i % 2 == 0 ? Application.Types.State.DataOwnerReview : Application.Types.State.RekReview, application.State);
        }
    }

    [Fact]
    public async Task Closing_a_task_records_every_milestone_that_fell_due_while_nothing_fired_each_with_its_due_time()
    {
        var task = await RekMidtTaskAsync();
        var opened = task.OpenTime.ToDateTimeOffset();
        await Task.Delay(opened.AddSeconds(3.2) - DateTimeOffset.UtcNow); // past the escalation at 150 % of 2 s
        Assert.Equal(0, await broker.Database.CountAsync("sla_firings", $"timer_id = '{TaskId(task)}'"));

        await ApproveAsync(_s.RekMidt, task);

        var closed = await broker.Database.ScalarAsync<DateTimeOffset>($"select closed_time from stage_tasks where id = '{TaskId(task)}'");
        var firings = await broker.Database.FiringsAsync(TaskId(task));
        Assert.Equal(
            [("Breach", opened.AddSeconds(2)), ("Escalation", opened.AddSeconds(3)), ("Reminder", opened.AddSeconds(1.5))],
            firings.Select(f => (f.Milestone, f.Due)).Order());
        Assert.All(firings, f => Assert.Equal(closed, f.Fired)); // recorded by the closing transaction itself
        var events = (await _s.EventsAsync(task.Application)).Where(e => e.Task == task.Name).Select(e => e.Action).ToList();
        Assert.Equal([ApplicationEvent.Types.Action.SlaReminder, ApplicationEvent.Types.Action.SlaBreach,
            ApplicationEvent.Types.Action.SlaEscalation, ApplicationEvent.Types.Action.ApproveTask], events);
        Assert.Equal(3, await broker.Database.CountAsync("notifications", $"task_id = '{TaskId(task)}'"));
        Assert.False(await broker.Database.ScalarAsync<bool>($"select within_sla from stage_intervals where task_id = '{TaskId(task)}'"));
    }

    [Fact]
    public async Task Pausing_a_task_records_the_milestones_due_before_the_pause_and_no_later_one()
    {
        var task = await RekMidtTaskAsync();
        await Task.Delay(task.OpenTime.ToDateTimeOffset().AddSeconds(1.7) - DateTimeOffset.UtcNow); // past the reminder only

        await _s.RekMidt.Reviews.RequestChangesAsync(new RequestChangesRequest { Name = task.Name, Comment = "Which cohort?" });
        await Task.Delay(TimeSpan.FromSeconds(2)); // the clock stands still while the applicant is asked

        Assert.Equal(["Reminder"], (await broker.Database.FiringsAsync(TaskId(task))).Select(f => f.Milestone));
        Assert.Equal(1, await broker.Database.CountAsync("sla_timers", $"id = '{TaskId(task)}' and due_time is null"));
    }

    [Fact]
    public async Task Statistics_read_pending_deltas_exactly_as_they_read_once_folded()
    {
        // Five, so the groups are not suppressed (fewer than five cases are never shown).
        for (var i = 0; i < 5; i++) await WholeApplicationAsync((_, _) => { });
        var sent = await _s.SubmittedAsync(sources: "npr");
        await _s.RekVest.Reviews.RequestChangesAsync(new RequestChangesRequest
        {
            Name = (await _s.GetAsync(sent.Name)).Tasks[0].Name, Comment = "Which cohort?",
        });
        Assert.True(await broker.Database.CountAsync("open_task_deltas") > 0);
        Assert.True(await broker.Database.CountAsync("stage_intervals_unfolded") > 0);
        Assert.True(await broker.Database.CountAsync("application_month_deltas") > 0);
        var pending = await StatisticsAsync();

        while (await broker.Services.GetRequiredService<RollupFolder>().FoldAsync(CancellationToken.None) > 0)
        {
        }

        Assert.Equal(0, await broker.Database.CountAsync("open_task_deltas"));
        Assert.Equal(0, await broker.Database.CountAsync("stage_intervals_unfolded"));
        Assert.Equal(0, await broker.Database.CountAsync("application_month_deltas"));
        Assert.Equal(pending, await StatisticsAsync());
        Assert.Contains(pending.Turnaround.Groups, g => g is { Stage: Stage.HdsDecision, Body: "hds", Suppressed: false, Count: >= 5 });
        Assert.Contains(pending.Trend.Months, m => m.Arrivals >= 6);
    }

    /// <summary>One application through every stage, two sources; <paramref name="measure"/> gets each transition's cost.</summary>
    private async Task WholeApplicationAsync(Action<string, PostgresWireCounter.Counts> measure)
    {
        async Task<T> Measured<T>(string call, Func<Task<T>> transition)
        {
            var before = broker.Wire.Current;
            var result = await transition();
            measure(call, broker.Wire.Current - before);
            return result;
        }

        var application = CompleteApplication("kreftregisteret", "npr");
        application.RekCommittee = "rek-vest";
        var created = await Measured("Create", async () => (await _s.Ada.Applications.CreateApplicationAsync(
            new CreateApplicationRequest { Application = application })).Application);
        var name = created.Name;
        await Measured("Submit", async () => await _s.Ada.Applications.SubmitApplicationAsync(
            new SubmitApplicationRequest { Name = name }));
        var rek = OpenTask(await _s.GetAsync(name), Stage.RekReview);
        await Measured("ApproveRek", () => ApproveAsync(_s.RekVest, rek));
        var owners = await _s.GetAsync(name);
        foreach (var (source, owner) in new[] { ("kreftregisteret", _s.Kreftregisteret), ("npr", _s.Npr) })
        {
            await Measured("ApproveOwner", () => ApproveAsync(owner, OpenTask(owners, Stage.DataOwnerReview, source)));
        }

        var hds = OpenTask(await _s.GetAsync(name), Stage.HdsDecision);
        await Measured("ApproveHds", () => ApproveAsync(_s.Hds, hds, "inside TSD"));
        var deliveries = await _s.GetAsync(name);
        foreach (var (source, owner) in new[] { ("kreftregisteret", _s.Kreftregisteret), ("npr", _s.Npr) })
        {
            await Measured("Deliver", async () => await owner.Reviews.MarkDeliveredAsync(new MarkDeliveredRequest
            {
                Name = OpenTask(deliveries, Stage.DataDelivery, source).Name,
            }));
        }

        Assert.Equal(Application.Types.State.Delivered, (await _s.GetAsync(name)).State);
    }

    private async Task<StageTask> RekMidtTaskAsync()
    {
        var application = CompleteApplication("npr");
        application.RekCommittee = "rek-midt";
        var created = await _s.Ada.Applications.CreateApplicationAsync(new CreateApplicationRequest { Application = application });
        var submitted = (await _s.Ada.Applications.SubmitApplicationAsync(
            new SubmitApplicationRequest { Name = created.Application.Name })).Application;
        return OpenTask(submitted, Stage.RekReview);
    }

    private async Task<(GetTurnaroundResponse Turnaround, GetBacklogResponse Backlog, GetMonthlyTrendResponse Trend)> StatisticsAsync()
    {
        // The times the answers were computed are the figures that move on their own.
        var turnaround = await _s.Analyst.Statistics.GetTurnaroundAsync(new GetTurnaroundRequest());
        turnaround.Scope.ComputeTime = null;
        var backlog = await _s.Analyst.Statistics.GetBacklogAsync(new GetBacklogRequest());
        (backlog.AsOfTime, backlog.Scope.ComputeTime) = (null, null);
        var trend = await _s.Analyst.Statistics.GetMonthlyTrendAsync(new GetMonthlyTrendRequest());
        trend.Scope.ComputeTime = null;
        return (turnaround, backlog, trend);
    }

    private static StageTask OpenTask(Application application, Stage stage, string? source = null) =>
        application.Tasks.Single(t => t.Stage == stage && t.State == StageTask.Types.State.Open
                                      && (source is null || t.DataSource == source));

    private static Guid TaskId(StageTask task) => Guid.Parse(task.Name.Split('/')[3]);
}
