using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Infrastructure.Statistics;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static DataAccessBroker.IntegrationTests.Scenario;

namespace DataAccessBroker.IntegrationTests;

/// <summary>Real timers on real PostgreSQL, fired by the broker's own process: reminders, breaches, escalations, pauses and lapses.</summary>
public sealed class SlaTests(SlaFixture broker) : IClassFixture<SlaFixture>
{
    private readonly Scenario _s = new(broker);

    [Fact]
    public async Task Reminder_breach_and_escalation_are_each_recorded_once_and_never_early()
    {
        var submitted = await _s.SubmittedAsync();
        var task = await _s.QueuedTaskAsync(_s.RekVest, submitted.Name, Stage.RekReview);
        Assert.False(task.Overdue);
        Assert.Equal("4 seconds", task.Allowance);
        var opened = task.OpenTime.ToDateTimeOffset();
        Assert.Equal(opened + SlaFixture.RekVestAllowance, task.DueTime.ToDateTimeOffset());

        var firings = await WaitForFiringsAsync(TaskId(task), 3, TimeSpan.FromSeconds(20));

        Assert.Equal(["Breach", "Escalation", "Reminder"], firings.Select(f => f.Milestone).Order());
        Assert.All(firings, f => Assert.True(f.Fired >= f.Due, $"{f.Milestone} fired {f.Fired:O} before {f.Due:O}"));
        Assert.Equal(opened.AddSeconds(3), firings.Single(f => f.Milestone == "Reminder").Due);
        Assert.Equal(opened.AddSeconds(6), firings.Single(f => f.Milestone == "Escalation").Due);
        var events = await _s.EventsAsync(submitted.Name);
        Assert.Equal(1, events.Count(e => e.Action == ApplicationEvent.Types.Action.SlaReminder && e.Task == task.Name));
        Assert.Equal(1, events.Count(e => e.Action == ApplicationEvent.Types.Action.SlaBreach && e.Task == task.Name));
        Assert.Equal(1, events.Count(e => e.Action == ApplicationEvent.Types.Action.SlaEscalation && e.Task == task.Name));
        Assert.Equal(3, await broker.Database.CountAsync("notifications", $"task_id = '{TaskId(task)}' and recipient = 'rek-vest'"));

        var overdue = await _s.QueuedTaskAsync(_s.RekVest, submitted.Name, Stage.RekReview);
        Assert.True(overdue.Overdue);
        Assert.True(overdue.BusinessDaysLeft <= 0);
        Assert.Equal(submitted.Etag, (await _s.GetAsync(submitted.Name)).Etag); // SLA records leave the etag alone
    }

    [Fact]
    public async Task The_queue_lists_only_the_tasks_past_their_deadline_when_asked()
    {
        ListTasksRequest Overdue() => new() { PageSize = 100, OverdueOnly = true };
        var late = await _s.SubmittedAsync();
        await PollAsync(async () => (await _s.RekVest.Reviews.ListTasksAsync(Overdue())).Tasks,
            tasks => tasks.Any(t => t.Application == late.Name), TimeSpan.FromSeconds(20));

        var fresh = await _s.SubmittedAsync(); // four seconds before it is due
        var overdue = (await _s.RekVest.Reviews.ListTasksAsync(Overdue())).Tasks;

        Assert.Contains(overdue, t => t.Application == late.Name);
        Assert.DoesNotContain(overdue, t => t.Application == fresh.Name);
        Assert.All(overdue, t => Assert.True(t.Overdue)); // the same test as the OVERDUE mark
        Assert.Contains((await _s.RekVest.Reviews.ListTasksAsync(new ListTasksRequest { PageSize = 100 })).Tasks,
            t => t.Application == fresh.Name);
    }

    [Fact]
    public async Task A_task_closed_before_its_deadline_records_nothing()
    {
        var submitted = await _s.SubmittedAsync();
        var task = await _s.QueuedTaskAsync(_s.RekVest, submitted.Name, Stage.RekReview);
        await ApproveAsync(_s.RekVest, task);

        await Task.Delay(SlaFixture.RekVestAllowance * 1.5 + TimeSpan.FromSeconds(3));

        Assert.Empty(await broker.Database.FiringsAsync(TaskId(task)));
        Assert.Equal(1, await broker.Database.CountAsync("sla_timers", $"id = '{TaskId(task)}' and closed_time is not null")); // it ran, and stopped
        Assert.DoesNotContain(await _s.EventsAsync(submitted.Name), e => e.Task == task.Name && e.Action >= ApplicationEvent.Types.Action.SlaReminder);
        Assert.Equal(1, await broker.Database.CountAsync("sla_timers", $"id = '{TaskId(task)}' and due_time is null")); // nothing left to fire
    }

    [Fact]
    public async Task A_paused_clock_resumes_with_the_time_it_had_left()
    {
        var submitted = await _s.SubmittedAsync();
        var task = await _s.QueuedTaskAsync(_s.RekVest, submitted.Name, Stage.RekReview);
        await Task.Delay(TimeSpan.FromSeconds(1));
        await _s.RekVest.Reviews.RequestChangesAsync(new RequestChangesRequest { Name = task.Name, Comment = "Which cohort?" });
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await _s.Ada.Applications.ResubmitApplicationAsync(new ResubmitApplicationRequest { Name = submitted.Name });

        var breach = (await WaitForFiringsAsync(TaskId(task), 2, TimeSpan.FromSeconds(15)))
            .Single(f => f.Milestone == "Breach");

        var (paused, resumed) = await PauseOfAsync(TaskId(task));
        Assert.Equal(task.OpenTime.ToDateTimeOffset() + SlaFixture.RekVestAllowance + (resumed - paused), breach.Due);
        Assert.True(breach.Fired >= breach.Due);
    }

    [Fact]
    public async Task The_applicant_who_does_not_answer_in_time_lets_the_application_lapse()
    {
        var submitted = await _s.SubmittedAsync();
        var task = await _s.QueuedTaskAsync(_s.RekVest, submitted.Name, Stage.RekReview);
        await _s.RekVest.Reviews.RequestChangesAsync(new RequestChangesRequest { Name = task.Name, Comment = "Which cohort?" });
        var waiting = await _s.GetAsync(submitted.Name);
        Assert.NotNull(waiting.ApplicantDueTime);

        var lapsed = await PollAsync(async () => await _s.GetAsync(submitted.Name),
            a => a.State == Application.Types.State.Lapsed, TimeSpan.FromSeconds(15));

        Assert.Equal(StageTask.Types.State.Cancelled, lapsed.Tasks.Single().State);
        var events = await _s.EventsAsync(submitted.Name);
        Assert.Equal([ApplicationEvent.Types.Action.SlaBreach, ApplicationEvent.Types.Action.Lapse],
            events.TakeLast(2).Select(e => e.Action));
        Assert.Empty(await broker.Database.FiringsAsync(TaskId(task))); // the REK clock was paused throughout
    }

    [Fact]
    public async Task Milestones_are_fired_from_the_due_time_index_with_nothing_scheduled_in_hangfire()
    {
        var application = CompleteApplication();
        application.RekCommittee = "rek-midt";
        var created = await _s.Ada.Applications.CreateApplicationAsync(new CreateApplicationRequest { Application = application });
        await _s.Ada.Applications.SubmitApplicationAsync(new SubmitApplicationRequest { Name = created.Application.Name });
        var timerId = Guid.Parse((await _s.GetAsync(created.Application.Name)).Tasks[0].Name.Split('/')[3]);
        var due = await broker.Database.ScalarAsync<DateTimeOffset>($"select due_time from sla_timers where id = '{timerId}'");

        var firings = await WaitForFiringsAsync(timerId, 3, TimeSpan.FromSeconds(20));

        Assert.Equal(due, firings.Single(f => f.Milestone == "Reminder").Due); // the index held the first milestone
        Assert.Contains(firings, f => f.Milestone == "Breach" && f.Fired >= f.Due);
        Assert.Equal(0, await broker.Database.CountAsync("hangfire.job", "statename in ('Scheduled', 'Enqueued')"));
        Assert.Equal(1, await broker.Database.CountAsync("sla_timers", $"id = '{timerId}' and due_time is null"));
    }

    [Fact]
    public async Task The_queue_puts_the_earliest_deadline_first_not_the_oldest_task()
    {
        var older = await _s.SubmittedAsync(); // REK vest: 4 seconds
        var application = CompleteApplication();
        application.RekCommittee = "rek-midt"; // 2 seconds: opened later, due sooner
        var created = await _s.Ada.Applications.CreateApplicationAsync(new CreateApplicationRequest { Application = application });
        var newer = (await _s.Ada.Applications.SubmitApplicationAsync(
            new SubmitApplicationRequest { Name = created.Application.Name })).Application;

        var queue = (await _s.Admin.Reviews.ListTasksAsync(new ListTasksRequest { PageSize = 100 })).Tasks
            .Where(t => t.Application == older.Name || t.Application == newer.Name).ToList();

        Assert.Equal([newer.Name, older.Name], queue.Select(t => t.Application));
        Assert.True(queue[0].OpenTime.ToDateTimeOffset() > queue[1].OpenTime.ToDateTimeOffset());
    }

    [Fact]
    public async Task Hangfire_runs_the_nightly_snapshot_to_success_as_the_brokers_runtime_role()
    {
        broker.Services.GetRequiredService<IRecurringJobManager>().Trigger(BacklogSnapshots.RecurringJobId);
        const string snapshotJobs = "invocationdata::text like '%BacklogSnapshots%'";

        // Enqueued, fetched (select … for update skip locked), run and moved to its final state by the workers.
        var succeeded = await PollAsync(() => broker.Database.CountAsync("hangfire.job", $"statename = 'Succeeded' and {snapshotJobs}"),
            count => count > 0, TimeSpan.FromSeconds(30));

        Assert.Equal(1L, succeeded);
        Assert.Equal(0L, await broker.Database.CountAsync("hangfire.job", $"statename = 'Failed' and {snapshotJobs}"));
        Assert.Equal(1L, await broker.Database.CountAsync("backlog_snapshot_days"));
    }

    [Fact]
    public async Task The_job_dashboard_is_for_admins_only()
    {
        using var http = new HttpClient { BaseAddress = new Uri(broker.OperationsAddress) };
        async Task<System.Net.HttpStatusCode> Get(string? token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
            if (token is not null) request.Headers.Authorization = new("Bearer", token);
            return (await http.SendAsync(request)).StatusCode;
        }

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, await Get(null));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, await Get(broker.TokenFor("anders", "helseomsorg21", "Analyst")));
        Assert.Equal(System.Net.HttpStatusCode.OK, await Get(broker.TokenFor("admin", "dab", "Admin")));
    }

    [Fact]
    public async Task The_operations_endpoint_serves_probes_and_metrics_without_a_token()
    {
        using var http = new HttpClient { BaseAddress = new Uri(broker.OperationsAddress) };
        await _s.SubmittedAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        var ready = await http.GetAsync("/health/ready");
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
        using var report = System.Text.Json.JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        var checks = report.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("scheduler").GetProperty("status").GetString());
        var metrics = await PollAsync(() => http.GetStringAsync("/metrics"),
            m => m.Contains("dab_sla_milestones_total", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        Assert.Matches("""dab_transitions_total\{[^}]*action="Submit",outcome="ok"\} [1-9]""", metrics);
        Assert.Contains("dab_transition_duration_seconds_bucket", metrics);
        Assert.Contains("dab_sla_milestone_lateness_seconds_bucket", metrics);
        Assert.Contains("dab_sla_due_unfired", metrics);
        Assert.Contains("dab_outbox_depth", metrics);
    }

    private static Guid TaskId(StageTask task) => Guid.Parse(task.Name.Split('/')[3]);

    private async Task<List<(string Milestone, DateTimeOffset Due, DateTimeOffset Fired)>> WaitForFiringsAsync(
        Guid timerId, int count, TimeSpan timeout) =>
        await PollAsync(() => broker.Database.FiringsAsync(timerId), f => f.Count >= count, timeout);

    private async Task<(DateTimeOffset Paused, DateTimeOffset Resumed)> PauseOfAsync(Guid timerId)
    {
        await using var connection = new NpgsqlConnection(broker.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select paused_time, resumed_time from sla_timer_pauses where timer_id = $1", connection);
        command.Parameters.AddWithValue(timerId);
        await using var r = await command.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        return (r.GetFieldValue<DateTimeOffset>(0), r.GetFieldValue<DateTimeOffset>(1));
    }
}
