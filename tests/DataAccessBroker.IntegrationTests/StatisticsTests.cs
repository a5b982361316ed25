using DataAccessBroker.Contracts.V1;
using Grpc.Core;
using BacklogSnapshots = DataAccessBroker.Infrastructure.Statistics.BacklogSnapshots;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static DataAccessBroker.IntegrationTests.Scenario;

namespace DataAccessBroker.IntegrationTests;

/// <summary>A broker whose clock the test moves, so a history spans real business days.</summary>
public sealed class FakeClockFixture : BrokerFixture
{
    /// <summary>Monday 2 March 2026, 09:00 in Oslo.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>
/// Statistics over gRPC on a small fixed history whose figures are worked out by hand: five quality-improvement
/// applications to Kreftregisteret, reviewed after 1, 2, 3, 4 and 10 business days, and a sixth still open.
/// </summary>
public sealed class StatisticsTests : IClassFixture<FakeClockFixture>, IAsyncLifetime
{
    private static readonly int[] ReviewDays = [1, 2, 3, 4, 10];
    private readonly FakeClockFixture _broker;
    private readonly Scenario _s;

    public StatisticsTests(FakeClockFixture broker)
    {
        _broker = broker;
        _s = new Scenario(broker);
    }

    public async Task InitializeAsync()
    {
        if (await _broker.Database.CountAsync("applications") > 0) return; // the history is built once per class
        var submitted = new List<string>();
        for (var i = 0; i < 6; i++) submitted.Add(await _s.SubmittedToDataOwnerAsync("kreftregisteret"));

        // Business days from Monday 2 March: 1 → Tue 3, 2 → Wed 4, 3 → Thu 5, 4 → Fri 6, 10 → Mon 16 March.
        var start = _broker.Clock.GetUtcNow();
        DateTimeOffset[] decided =
        [
            start.AddDays(1), start.AddDays(2), start.AddDays(3), start.AddDays(4), start.AddDays(14),
        ];
        for (var i = 0; i < ReviewDays.Length; i++)
        {
            _broker.Clock.SetUtcNow(decided[i]);
            await ApproveAsync(_s.Kreftregisteret, await _s.QueuedTaskAsync(_s.Kreftregisteret, submitted[i], Stage.DataOwnerReview));
        }

        _broker.Clock.SetUtcNow(start.AddDays(16)); // Wednesday 18 March: the sixth has waited 12 business days
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_analyst_gets_the_figures_worked_out_by_hand()
    {
        var groups = (await _s.Analyst.Statistics.GetTurnaroundAsync(new GetTurnaroundRequest { Filter = FirstQuarter() })).Groups;

        var kreft = groups.Single(g => g.Stage == Stage.DataOwnerReview && g.Body == "kreftregisteret");
        Assert.False(kreft.Suppressed);
        Assert.Equal(5, kreft.Count);
        Assert.Equal((3.0, 4.0, 10.0, 4.0), (kreft.MedianBusinessDays, kreft.P75BusinessDays, kreft.P90BusinessDays, kreft.MeanBusinessDays));
        // Calendar days: 1, 2, 3, 4, 14 → median 3, p90 14, mean 24/5 = 4.8.
        Assert.Equal((3.0, 14.0, 4.8), (kreft.MedianCalendarDays, kreft.P90CalendarDays, kreft.MeanCalendarDays));
        Assert.Equal(1.0, kreft.SlaCompliance); // all within 30 business days
        Assert.Equal(0.0, kreft.MeanApplicantWaitBusinessDays);
        // Kaplan-Meier with the sixth censored at 12: S = 5/6, 4/6, 3/6 at 3 days → median 3; never down to 0.1.
        Assert.Equal(3.0, kreft.KaplanMeierMedianBusinessDays);
        Assert.False(kreft.HasKaplanMeierP90BusinessDays);
        Assert.Equal((6L, 5L, 1L, 0L), (kreft.CohortOpened, kreft.CohortCompleted, kreft.CohortOpen, kreft.CohortCancelled));
        Assert.Equal(3.0, kreft.CohortClosedMedianBusinessDays);
        // HDS has five open tasks and no completions: enough cases to show, nothing finished to measure.
        var hds = groups.Single(g => g.Stage == Stage.HdsDecision && g.Body == "hds");
        Assert.Equal((0L, 5L, 0L), (hds.Count, hds.CohortOpen, hds.CohortCancelled));
    }

    [Fact]
    public async Task Filters_change_the_answer()
    {
        var research = FirstQuarter();
        research.Purpose = Purpose.HealthResearch;
        var npr = FirstQuarter();
        npr.DataSource = "npr";

        Assert.Contains((await _s.Analyst.Statistics.GetTurnaroundAsync(new GetTurnaroundRequest { Filter = FirstQuarter() })).Groups,
            g => g.Count > 0); // unfiltered, March has figures
        Assert.Empty((await _s.Analyst.Statistics.GetTurnaroundAsync(new GetTurnaroundRequest { Filter = research })).Groups);
        Assert.Empty((await _s.Analyst.Statistics.GetTurnaroundAsync(new GetTurnaroundRequest { Filter = npr })).Groups);
        var secondQuarter = new StatisticsFilter { StartDate = Day(2026, 4, 1), EndDate = Day(2026, 6, 30) };
        Assert.DoesNotContain((await _s.Analyst.Statistics.GetTurnaroundAsync(new GetTurnaroundRequest { Filter = secondQuarter })).Groups,
            g => g.Count > 0);
        Assert.Contains((await _s.Analyst.Statistics.GetTurnaroundAsync(new GetTurnaroundRequest())).Groups,
            g => g.Count > 0); // unset, the period is this year (2026)
    }

    [Theory]
    [InlineData(3, 3)]  // one month
    [InlineData(1, 6)]  // half a year
    [InlineData(2, 4)]  // three months astride two quarters
    public async Task Turnaround_and_bottlenecks_refuse_a_period_that_is_not_a_year_or_a_quarter(int firstMonth, int lastMonth)
    {
        var filter = new StatisticsFilter { StartDate = Day(2026, firstMonth, 1), EndDate = Day(2026, lastMonth, 1) };

        var (turnaround, status) = await FailureOf(() => _s.Analyst.Statistics.GetTurnaroundAsync(
            new GetTurnaroundRequest { Filter = filter }).ResponseAsync);
        var (bottlenecks, _) = await FailureOf(() => _s.Analyst.Statistics.GetBottlenecksAsync(
            new GetBottlenecksRequest { Filter = filter }).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, StatusCode.InvalidArgument), (turnaround, bottlenecks));
        Assert.Equal("filter.start_date", Assert.Single(FieldViolations(status)).Field);
    }

    [Fact]
    public async Task Small_groups_are_suppressed()
    {
        var strict = FirstQuarter();
        strict.SuppressionThreshold = 7;

        var groups = (await _s.Analyst.Statistics.GetTurnaroundAsync(new GetTurnaroundRequest { Filter = strict })).Groups;

        var kreft = groups.Single(g => g.Stage == Stage.DataOwnerReview && g.Body == "kreftregisteret"); // 5 + 1 < 7
        Assert.True(kreft.Suppressed);
        Assert.False(kreft.HasMedianBusinessDays);
        var (code, _) = await FailureOf(() => _s.Analyst.Statistics.GetTurnaroundAsync(
            new GetTurnaroundRequest { Filter = new StatisticsFilter { SuppressionThreshold = 2 } }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, code);
    }

    [Fact]
    public async Task Backlog_trend_and_bottlenecks_follow_the_same_history()
    {
        var backlog = (await _s.Analyst.Statistics.GetBacklogAsync(new GetBacklogRequest { Filter = FirstQuarter() })).Groups;
        var hds = backlog.Single(g => g.Stage == Stage.HdsDecision && g.Body == "hds");
        Assert.Equal((5L, 0L), (hds.Open, hds.Overdue));
        Assert.True(backlog.Single(g => g.Stage == Stage.DataOwnerReview && g.Body == "kreftregisteret").Suppressed); // 1 < 5

        // Every month of the quarter, the empty ones too: a chart must not close the gap.
        var months = (await _s.Analyst.Statistics.GetMonthlyTrendAsync(new GetMonthlyTrendRequest { Filter = FirstQuarter() })).Months;
        Assert.Equal([(1, 0L, 0L, 0L), (2, 0L, 0L, 0L), (3, 6L, 0L, 6L)],
            months.Select(m => (m.Month.Month, m.Arrivals, m.Completions, m.BacklogAtMonthEnd)));

        var top = (await _s.Analyst.Statistics.GetBottlenecksAsync(new GetBottlenecksRequest { Filter = FirstQuarter() })).Bottlenecks[0];
        Assert.Equal((Stage.DataOwnerReview, "kreftregisteret", 1.0), (top.Stage, top.Body, top.ShareOfLeadTime));
    }

    [Fact]
    public async Task The_backlog_of_a_past_day_comes_from_that_nights_snapshot()
    {
        // Taken on Wednesday 18 March: the backlog at the end of Tuesday 17 March.
        Assert.Equal(new DateOnly(2026, 3, 17), await _broker.Services.GetRequiredService<BacklogSnapshots>().TakeAsync(default));

        var response = await _s.Analyst.Statistics.GetBacklogAsync(new GetBacklogRequest { AsOfDate = Day(2026, 3, 17) });

        Assert.Equal(_broker.Clock.GetUtcNow(), response.AsOfTime.ToDateTimeOffset());
        var hds = response.Groups.Single(g => g.Stage == Stage.HdsDecision && g.Body == "hds");
        // HDS tasks opened on 3, 4, 5, 6 and 16 March: by the end of the 17th, 11, 10, 9, 8 and 2 business days old.
        Assert.Equal((5L, 3L, 2L, 0L), (hds.Open, hds.Ages["0-10 bd"], hds.Ages["10-30 bd"], hds.Overdue));
        var (code, _) = await FailureOf(() => _s.Analyst.Statistics.GetBacklogAsync(
            new GetBacklogRequest { AsOfDate = Day(2026, 3, 10) }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, code); // no snapshot that night: not guessed
    }

    [Fact]
    public async Task The_export_streams_every_closed_interval_and_no_identities()
    {
        using var call = _s.Analyst.Statistics.ExportStageIntervals(new ExportStageIntervalsRequest { Filter = FirstQuarter() });
        var intervals = new List<Contracts.V1.StageInterval>();
        await foreach (var batch in call.ResponseStream.ReadAllAsync()) intervals.AddRange(batch.Intervals);

        Assert.Equal(ReviewDays.Select(d => (double)d), intervals.Select(i => i.BodyBusinessDays).Order());
        var everything = string.Join("\n", intervals.Select(i => i.ToString()));
        Assert.DoesNotContain("ada", everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Statins", everything);
    }

    [Fact]
    public async Task A_researcher_may_not_read_statistics()
    {
        var (code, _) = await FailureOf(() => _s.Ada.Statistics.GetTurnaroundAsync(new GetTurnaroundRequest()).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, code);
    }

    private static Google.Type.Date Day(int year, int month, int day) => new() { Year = year, Month = month, Day = day };

    /// <summary>January to March 2026: the history is all in March.</summary>
    private static StatisticsFilter FirstQuarter() => new() { StartDate = Day(2026, 1, 1), EndDate = Day(2026, 3, 31) };
}
