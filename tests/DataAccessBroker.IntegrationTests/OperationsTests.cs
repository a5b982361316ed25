using DataAccessBroker.Cli;
using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Infrastructure.Processes;
using DataAccessBroker.Infrastructure.Sla;
using DataAccessBroker.Infrastructure.Statistics;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static DataAccessBroker.IntegrationTests.Scenario;
using Milestone = DataAccessBroker.Contracts.V1.SlaFiring.Types.Milestone;

namespace DataAccessBroker.IntegrationTests;

/// <summary>
/// A broker whose clock the test moves and whose firing process, after its first pass, waits an hour: milestones
/// fall due when the test says and are recorded when the test fires them, so what is due and not recorded can be seen.
/// </summary>
public sealed class OperationsFixture : BrokerFixture, IAsyncLifetime
{
    /// <summary>REK vest's allowance: reminder after 3 s, breach after 4 s, escalation after 6 s.</summary>
    public static readonly TimeSpan RekVestAllowance = TimeSpan.FromSeconds(4);

    /// <summary>
    /// Starts at the real time (to the second), so that the tokens dab login gets, minted on this clock, are valid
    /// for as long as dab thinks; the tests move it by seconds and minutes.
    /// </summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Sla:Overrides:rek-vest", "4 seconds"),
        new("Sla:FiringInterval", "01:00:00"),
        // An admin among the development issuer's demo users (after the six every test broker has), for dab login.
        new("Authentication:DevelopmentIssuer:Users:6:Name", "admin"),
        new("Authentication:DevelopmentIssuer:Users:6:DisplayName", "admin"),
        new("Authentication:DevelopmentIssuer:Users:6:Roles:0", "Admin"),
        new("Authentication:DevelopmentIssuer:Users:6:Organisation", "dab"),
    ];

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    /// <summary>Re-implemented (IAsyncLifetime is named again above) so that xUnit runs this one.</summary>
    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // The firing process's first pass, before any test moves the clock; the next is an hour away.
        var health = Services.GetRequiredService<ProcessHealth>();
        await PollAsync(() => Task.FromResult(health.IsStalled(SlaFiringProcess.ProcessName, TimeSpan.FromDays(1))),
            stalled => !stalled, TimeSpan.FromSeconds(30));
    }

    /// <summary>Records every milestone due now, as one pass of the firing process does.</summary>
    public Task<int> FireDueAsync() => Services.GetRequiredService<SlaFiringService>().FireDueAsync(CancellationToken.None);
}

/// <summary>
/// The admin's operations view over gRPC: the milestones on record with their application, task and stage; the
/// notification outbox; Hangfire's jobs and servers, and the milestones due and not yet recorded. Also through
/// `dab ops`, so the class takes its turn with the others that run dab in-process.
/// </summary>
[Collection(DabCollection.Name)]
public sealed class OperationsTests(OperationsFixture broker) : IClassFixture<OperationsFixture>, IDisposable
{
    private readonly Scenario _s = new(broker);
    private readonly DabSession _dab = new(broker);

    public void Dispose() => _dab.Dispose();

    [Fact]
    public async Task An_admin_sees_a_breach_recorded_for_a_task_with_its_application_and_stage()
    {
        var submitted = await _s.SubmittedAsync();
        var task = await _s.QueuedTaskAsync(_s.RekVest, submitted.Name, Stage.RekReview);
        broker.Clock.Advance(TimeSpan.FromSeconds(5)); // past the breach (4 s), short of the escalation (6 s)
        await broker.FireDueAsync();
        var fired = broker.Clock.GetUtcNow();

        var breaches = await AllFiringsAsync(Milestone.Breach);

        var breach = Assert.Single(breaches, f => f.Task == task.Name);
        Assert.Equal(submitted.Name, breach.Application);
        Assert.Equal(submitted.Title, breach.ApplicationTitle);
        Assert.Equal(Stage.RekReview, breach.Stage);
        Assert.Equal("rek-vest", breach.Organisation);
        Assert.Equal(task.OpenTime.ToDateTimeOffset() + OperationsFixture.RekVestAllowance, breach.DueTime.ToDateTimeOffset());
        Assert.Equal(fired, breach.FireTime.ToDateTimeOffset());
        Assert.Equal(breach.FireTime.ToDateTimeOffset() - breach.DueTime.ToDateTimeOffset(), breach.Lateness.ToTimeSpan());
        Assert.Equal(TimeSpan.FromSeconds(1), breach.Lateness.ToTimeSpan()); // the clock stood still for a second past due
        Assert.Contains(await AllFiringsAsync(Milestone.Reminder), f => f.Task == task.Name);
        Assert.DoesNotContain(await AllFiringsAsync(Milestone.Escalation), f => f.Task == task.Name);
    }

    [Fact]
    public async Task Paging_returns_every_firing_exactly_once_newest_first()
    {
        // One pass records them all at the same instant: the order falls to the keyset's tie-breakers.
        for (var i = 0; i < 4; i++) await _s.SubmittedAsync();
        broker.Clock.Advance(TimeSpan.FromSeconds(7));
        await broker.FireDueAsync();

        var pages = new List<ListSlaFiringsResponse>();
        var token = "";
        do
        {
            var page = await _s.Admin.Operations.ListSlaFiringsAsync(new ListSlaFiringsRequest { PageSize = 5, PageToken = token });
            pages.Add(page);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        var firings = pages.SelectMany(p => p.Firings).ToList();

        Assert.True(firings.Count >= 12, $"{firings.Count} firings");
        Assert.All(pages.SkipLast(1), p => Assert.Equal(5, p.Firings.Count));
        Assert.Equal(await broker.Database.CountAsync("sla_firings"), firings.Count);
        Assert.Equal(firings.Count, firings.Select(f => (f.Application, f.Task, f.Milestone, f.DueTime)).Distinct().Count());
        Assert.Equal(firings.OrderByDescending(f => f.FireTime.ToDateTimeOffset()).Select(f => f.FireTime), firings.Select(f => f.FireTime));
        var unsized = await _s.Admin.Operations.ListSlaFiringsAsync(new ListSlaFiringsRequest()); // 0 means 50
        Assert.Equal(Math.Min(firings.Count, 50), unsized.Firings.Count);
    }

    [Fact]
    public async Task The_milestone_filter_lists_that_milestone_only()
    {
        await _s.SubmittedAsync();
        broker.Clock.Advance(TimeSpan.FromSeconds(7));
        await broker.FireDueAsync();

        foreach (var (milestone, stored) in new[] { (Milestone.Reminder, "Reminder"), (Milestone.Breach, "Breach"), (Milestone.Escalation, "Escalation") })
        {
            var firings = await AllFiringsAsync(milestone);

            Assert.NotEmpty(firings);
            Assert.All(firings, f => Assert.Equal(milestone, f.Milestone));
            Assert.Equal(await broker.Database.CountAsync("sla_firings", $"milestone = '{stored}'"), firings.Count);
        }

        Assert.Equal(await broker.Database.CountAsync("sla_firings"), (await AllFiringsAsync(Milestone.Unspecified)).Count);
    }

    [Fact]
    public async Task Notifications_list_and_the_unsent_count_match_the_outbox()
    {
        var submitted = await _s.SubmittedAsync();
        var task = await _s.QueuedTaskAsync(_s.RekVest, submitted.Name, Stage.RekReview);
        broker.Clock.Advance(TimeSpan.FromSeconds(7));
        await broker.FireDueAsync();
        // A sender drains two of them (not the breach looked at below).
        await broker.Database.ExecuteAsync("update notifications set sent_time = now() " +
            "where id in (select id from notifications where kind <> 'SlaBreach' order by id limit 2)");

        var (all, unsent) = await AllNotificationsAsync(unsentOnly: false);
        var (waiting, _) = await AllNotificationsAsync(unsentOnly: true);

        Assert.Equal(await broker.Database.CountAsync("notifications"), all.Count);
        Assert.Equal(await broker.Database.CountAsync("notifications", "sent_time is null"), unsent);
        Assert.Equal(all.Count - 2, unsent);
        Assert.Equal(all.Select(n => n.Id).OrderDescending(), all.Select(n => n.Id)); // newest first
        Assert.Equal(2, all.Count(n => n.SentTime is not null));
        Assert.Equal(all.Where(n => n.SentTime is null).Select(n => n.Id), waiting.Select(n => n.Id));
        var breach = Assert.Single(all, n => n.Task == task.Name && n.Kind == "SlaBreach");
        Assert.Equal(submitted.Name, breach.Application);
        Assert.Equal("rek-vest", breach.Recipient);
        Assert.Contains("Breach", breach.Message);
        Assert.Equal(broker.Clock.GetUtcNow(), breach.CreateTime.ToDateTimeOffset());
        Assert.Null(breach.SentTime);
    }

    [Fact]
    public async Task Job_status_lists_the_recurring_snapshot_a_server_and_the_milestones_due_and_not_recorded()
    {
        // Whatever other tests left due (an escalation, say) is recorded first.
        broker.Clock.Advance(TimeSpan.FromMinutes(1));
        await broker.FireDueAsync();
        var before = await _s.Admin.Operations.GetJobStatusAsync(new GetJobStatusRequest());
        Assert.Equal(0, before.OverdueMilestones);

        var submitted = await _s.SubmittedAsync();
        broker.Clock.Advance(TimeSpan.FromSeconds(3.5)); // the reminder (3 s) is due; the firing process waits
        var due = await _s.Admin.Operations.GetJobStatusAsync(new GetJobStatusRequest());
        await broker.FireDueAsync();
        var after = await _s.Admin.Operations.GetJobStatusAsync(new GetJobStatusRequest());

        Assert.Equal(1, due.OverdueMilestones);
        Assert.Equal(0, after.OverdueMilestones);
        Assert.Equal(before.UnsentNotifications + 1, after.UnsentNotifications);
        Assert.Equal(await broker.Database.CountAsync("notifications", "sent_time is null"), after.UnsentNotifications);
        var snapshot = Assert.Single(after.RecurringJobs, j => j.Id == BacklogSnapshots.RecurringJobId);
        Assert.Equal(BacklogSnapshots.Cron, snapshot.Cron);
        Assert.Equal("Europe/Oslo", snapshot.TimeZone);
        Assert.NotNull(snapshot.NextExecutionTime);
        var server = Assert.Single(after.Servers);
        Assert.Equal(2, server.Workers);
        Assert.Contains("default", server.Queues);
        Assert.NotNull(server.HeartbeatTime);
        Assert.True(server.StartTime.ToDateTimeOffset() <= DateTimeOffset.UtcNow);
        Assert.All(new[] { after.Enqueued, after.Scheduled, after.Processing, after.Succeeded, after.Failed },
            count => Assert.True(count >= 0));
        Assert.Contains(await AllFiringsAsync(Milestone.Reminder), f => f.Application == submitted.Name);
    }

    [Theory]
    [InlineData("Applicant")]
    [InlineData("RekReviewer")]
    [InlineData("DataOwner")]
    [InlineData("HdsCaseOfficer")]
    [InlineData("Analyst")]
    public async Task Every_role_but_admin_is_permission_denied(string role)
    {
        var caller = broker.As($"not-admin-{role}", "uio", role);

        var calls = new Func<Task>[]
        {
            () => caller.Operations.ListSlaFiringsAsync(new ListSlaFiringsRequest()).ResponseAsync,
            () => caller.Operations.ListNotificationsAsync(new ListNotificationsRequest()).ResponseAsync,
            () => caller.Operations.GetJobStatusAsync(new GetJobStatusRequest()).ResponseAsync,
        };

        foreach (var call in calls) Assert.Equal(StatusCode.PermissionDenied, (await FailureOf(call)).Code);
    }

    [Fact]
    public async Task Bad_paging_and_an_unknown_milestone_are_invalid_arguments_naming_the_field()
    {
        // Two applications' reminders, breaches and escalations: more than a page of one of each list.
        for (var i = 0; i < 2; i++) await _s.SubmittedAsync();
        broker.Clock.Advance(TimeSpan.FromSeconds(7));
        await broker.FireDueAsync();
        var admin = _s.Admin.Operations;
        var breachToken = (await admin.ListSlaFiringsAsync(new ListSlaFiringsRequest { PageSize = 1, Milestone = Milestone.Breach }))
            .NextPageToken;
        var notificationToken = (await admin.ListNotificationsAsync(new ListNotificationsRequest { PageSize = 1 })).NextPageToken;

        var refused = new (Func<Task> Call, string Field)[]
        {
            (() => admin.ListSlaFiringsAsync(new ListSlaFiringsRequest { PageSize = -1 }).ResponseAsync, "page_size"),
            (() => admin.ListNotificationsAsync(new ListNotificationsRequest { PageSize = -1 }).ResponseAsync, "page_size"),
            (() => admin.ListSlaFiringsAsync(new ListSlaFiringsRequest { PageToken = "garbage" }).ResponseAsync, "page_token"),
            (() => admin.ListNotificationsAsync(new ListNotificationsRequest { PageToken = "garbage" }).ResponseAsync, "page_token"),
            (() => admin.ListSlaFiringsAsync(new ListSlaFiringsRequest { Milestone = (Milestone)99 }).ResponseAsync, "milestone"),
            // A token is good for the list it came from only: the same filter, the same list.
            (() => admin.ListSlaFiringsAsync(new ListSlaFiringsRequest { PageToken = breachToken }).ResponseAsync, "page_token"),
            (() => admin.ListSlaFiringsAsync(new ListSlaFiringsRequest { PageToken = notificationToken }).ResponseAsync, "page_token"),
            (() => admin.ListNotificationsAsync(new ListNotificationsRequest { PageToken = notificationToken, UnsentOnly = true }).ResponseAsync, "page_token"),
        };

        Assert.NotEmpty(breachToken);
        Assert.NotEmpty(notificationToken);
        foreach (var (call, field) in refused)
        {
            var (code, status) = await FailureOf(call);
            Assert.Equal(StatusCode.InvalidArgument, code);
            Assert.Equal(field, Assert.Single(FieldViolations(status)).Field);
        }
    }

    [Fact]
    public async Task An_admin_watches_with_dab_ops()
    {
        var submitted = await _s.SubmittedAsync();
        broker.Clock.Advance(TimeSpan.FromSeconds(7));
        await broker.FireDueAsync();
        await _dab.Dab(0, "login", "admin");
        Environment.SetEnvironmentVariable("COLUMNS", "250"); // every column on one line
        try
        {
            var firings = (await _dab.Dab(0, "ops", "firings", "--milestone", "breach", "--all")).Out;
            var notifications = (await _dab.Dab(0, "ops", "notifications", "--unsent", "--page-size", "2")).Out;
            var jobs = (await _dab.Dab(0, "ops", "jobs")).Out;

            Assert.Contains(Id(submitted.Name), firings);
            Assert.Contains("REK review", firings);
            Assert.DoesNotContain("reminder", firings);
            Assert.Contains("More notifications: add --page-token", notifications);
            Assert.Matches(@"\d+ notifications not yet sent\.", notifications);
            Assert.Contains(BacklogSnapshots.RecurringJobId, jobs);
            Assert.Contains("SLA milestones due and not yet recorded: 0.", jobs);
            await _dab.Dab(ExitCodes.InvalidInput, "ops", "firings", "--page-token", "garbage");
            await _dab.Dab(0, "login", "ada");
            await _dab.Dab(ExitCodes.NotSignedIn, "ops", "jobs"); // PERMISSION_DENIED: not an admin
        }
        finally
        {
            Environment.SetEnvironmentVariable("COLUMNS", null);
        }

        static string Id(string name) => name[(name.LastIndexOf('/') + 1)..];
    }

    private async Task<List<SlaFiring>> AllFiringsAsync(Milestone milestone)
    {
        var firings = new List<SlaFiring>();
        var token = "";
        do
        {
            var page = await _s.Admin.Operations.ListSlaFiringsAsync(
                new ListSlaFiringsRequest { PageSize = 100, PageToken = token, Milestone = milestone });
            firings.AddRange(page.Firings);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return firings;
    }

    private async Task<(List<Notification> Notifications, long Unsent)> AllNotificationsAsync(bool unsentOnly)
    {
        var notifications = new List<Notification>();
        var (token, unsent) = ("", 0L);
        do
        {
            var page = await _s.Admin.Operations.ListNotificationsAsync(
                new ListNotificationsRequest { PageSize = 3, PageToken = token, UnsentOnly = unsentOnly });
            notifications.AddRange(page.Notifications);
            (token, unsent) = (page.NextPageToken, page.Unsent);
        }
        while (token.Length > 0);
        return (notifications, unsent);
    }
}
