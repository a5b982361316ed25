using DataAccessBroker.Contracts.V1;
using static DataAccessBroker.IntegrationTests.Scenario;

namespace DataAccessBroker.IntegrationTests;

/// <summary>A broker where REK nord allows 3 seconds and the applicant keeps the default 20 business days.</summary>
public sealed class OpenWorkFixture : BrokerFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Sla:Overrides:rek-nord", "3 seconds"),
    ];
}

/// <summary>
/// Open work as the statistics read it, from rollups and the deltas not yet folded into them: overdue means a breach
/// on record, and work paused on the applicant is counted apart.
/// </summary>
public sealed class OpenWorkTests(OpenWorkFixture broker) : IClassFixture<OpenWorkFixture>
{
    private readonly Scenario _s = new(broker);

    [Fact]
    public async Task Overdue_work_is_work_whose_breach_is_on_record_and_paused_work_is_counted_apart()
    {
        // REK nord allows 3 seconds. The first application is sent back at once, so its clock stops before it breaches.
        var sentBack = await SubmittedToRekNordAsync();
        var task = await _s.QueuedTaskAsync(_s.RekNord, sentBack, Stage.RekReview);
        await _s.RekNord.Reviews.RequestChangesAsync(new RequestChangesRequest { Name = task.Name, Comment = "Which cohort?" });
        for (var i = 0; i < 5; i++) await SubmittedToRekNordAsync();

        var rekNord = await PollAsync(RekNordBacklogAsync, g => g.Overdue >= 5, TimeSpan.FromSeconds(20));

        Assert.Equal((6L, 5L, 1L), (rekNord.Open, rekNord.Overdue, rekNord.PausedOnApplicant));
        Assert.Equal(6L, rekNord.Ages["0-10 bd"]);
        Assert.Equal(5L, await broker.Database.ScalarAsync<long>("""
            select count(*) from sla_firings f join sla_timers t on t.id = f.timer_id
            where f.milestone = 'Breach' and t.waiting_on = 'rek-nord' and t.closed_time is null
            """));
    }

    private async Task<string> SubmittedToRekNordAsync()
    {
        var application = CompleteApplication("kreftregisteret");
        application.RekCommittee = "rek-nord";
        var created = await _s.Ada.Applications.CreateApplicationAsync(new CreateApplicationRequest { Application = application });
        return (await _s.Ada.Applications.SubmitApplicationAsync(
            new SubmitApplicationRequest { Name = created.Application.Name })).Application.Name;
    }

    private async Task<BacklogGroup> RekNordBacklogAsync() =>
        (await _s.Analyst.Statistics.GetBacklogAsync(new GetBacklogRequest())).Groups
        .Single(g => g.Stage == Stage.RekReview && g.Body == "rek-nord");
}

/// <summary>The open-work counts equal a recount from the timers, whatever wrote them: the bulk loader or commands.</summary>
public sealed class OpenWorkRollupTests(OpenWorkFixture broker) : IClassFixture<OpenWorkFixture>
{
    private readonly Scenario _s = new(broker);

    [Fact]
    public async Task The_rollups_equal_a_recount_from_the_timers_after_bulk_loads_and_concurrent_commands()
    {
        await _s.Admin.Simulation.SimulateHistoryAsync(new SimulateHistoryRequest { Applications = 300, Seed = 11, Months = 12 });
        // Twenty submissions at once add to the same rollup rows: none may deadlock or lose a count.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _s.SubmittedAsync(sources: "kreftregisteret")));
        var some = await _s.SubmittedAsync(sources: "npr");
        await _s.ApproveRekAsync(some.Name);

        // At any moment, the rollups plus the pending deltas count exactly the open timers...
        Assert.Equal(0L, await DifferenceAsync($"""
            select stage, body, purpose, open_month, clock_day, carried_half_days, breached, sum(tasks)::bigint
            from (select stage, body, purpose, open_month, clock_day, carried_half_days, breached, tasks
                  from open_task_rollups
                  union all
                  select d.stage, d.body, p.purpose, d.open_month, d.clock_day, d.carried_half_days, d.breached, d.change
                  from open_task_deltas d cross join lateral (values (d.purpose), ('')) p(purpose)) counted
            group by 1, 2, 3, 4, 5, 6, 7 having sum(tasks) <> 0
            """));
        // ... and once the folder has run, the rollups alone do, with no row left at zero.
        await PollAsync(() => broker.Database.CountAsync("open_task_deltas"), pending => pending == 0, TimeSpan.FromSeconds(15));
        Assert.Equal(0L, await DifferenceAsync(
            "select stage, body, purpose, open_month, clock_day, carried_half_days, breached, tasks from open_task_rollups"));
        Assert.Equal(0L, await broker.Database.CountAsync("open_task_rollups", "tasks = 0"));
        // And the rows for every purpose hold exactly the open tasks, told apart from the timers' own table.
        Assert.Equal(
            await broker.Database.CountAsync("stage_tasks", "status in ('Open', 'Paused', 'ChangesRequested')"),
            await broker.Database.ScalarAsync<long>("select coalesce(sum(tasks), 0)::bigint from open_task_rollups where purpose = ''"));
        Assert.True(await broker.Database.CountAsync("open_task_rollups", "purpose = '' and clock_day is null") > 0,
            "the simulated history has work paused on the applicant");
    }

    /// <summary>How many rows the counted rows and a recount from the timers do not have in common.</summary>
    private Task<long> DifferenceAsync(string counted) => broker.Database.ScalarAsync<long>($"""
        with recount as ({Recount}), counted as ({counted})
        select count(*) from ((select * from recount except select * from counted)
                              union all (select * from counted except select * from recount)) difference
        """);

    /// <summary>The open-work rows computed afresh from every open stage-task timer.</summary>
    private const string Recount = """
        select t.stage, coalesce(t.data_source, t.organisation) as body, p.purpose,
               date_trunc('month', x.start_time at time zone 'Europe/Oslo')::date as open_month, x.body_clock_day,
               x.body_carried_half_days, x.breached, count(*)::bigint
        from sla_timers x join stage_tasks t on t.id = x.task_id join applications a on a.id = x.application_id
        cross join lateral (values (a.purpose), ('')) p(purpose)
        where x.closed_time is null
        group by 1, 2, 3, 4, 5, 6, 7
        """;
}
