using System.Text.Json;
using DataAccessBroker.Cli;
using DataAccessBroker.Contracts.V1;
using Grpc.Core;
using static DataAccessBroker.IntegrationTests.Scenario;

namespace DataAccessBroker.IntegrationTests;

/// <summary>
/// What the figures mean, as an analyst reads them: the Kaplan–Meier cohort (opened in the period) kept apart from
/// the tasks closed in it, with cancelled tasks counted apart from open ones; every answer's scope (period, filter,
/// threshold, partial, simulated); unknown codes refused. A small history worked out by hand: five
/// quality-improvement applications to Kreftregisteret submitted on Monday 2 March 2026; its reviews end after 2, 4
/// and 6 business days, one application is withdrawn after 3, one is still open when asked on Monday 16 March (10).
/// Five more to NPR, each reviewed in a day.
/// </summary>
[Collection(DabCollection.Name)]
public sealed class StatisticsScopeTests : IClassFixture<FakeClockFixture>, IAsyncLifetime
{
    private readonly FakeClockFixture _broker;
    private readonly Scenario _s;

    public StatisticsScopeTests(FakeClockFixture broker)
    {
        _broker = broker;
        _s = new Scenario(broker);
    }

    public async Task InitializeAsync()
    {
        if (await _broker.Database.CountAsync("applications") > 0) return; // the history is built once per class
        var submitted = new List<string>();
        for (var i = 0; i < 10; i++) submitted.Add(await _s.SubmittedToDataOwnerAsync(i < 5 ? "kreftregisteret" : "npr"));

        // Business days from Monday 2 March: 2 → Wed 4, 3 → Thu 5, 4 → Fri 6, 6 → Tue 10, 10 → Mon 16 March.
        var start = _broker.Clock.GetUtcNow();
        _broker.Clock.SetUtcNow(start.AddDays(1));
        foreach (var npr in submitted[5..]) await ApproveAsync(_s.Npr, await _s.QueuedTaskAsync(_s.Npr, npr, Stage.DataOwnerReview));
        _broker.Clock.SetUtcNow(start.AddDays(2));
        await ApproveAsync(_s.Kreftregisteret, await _s.QueuedTaskAsync(_s.Kreftregisteret, submitted[0], Stage.DataOwnerReview));
        _broker.Clock.SetUtcNow(start.AddDays(3));
        await _s.Ada.Applications.WithdrawApplicationAsync(new WithdrawApplicationRequest { Name = submitted[3], Comment = "Project stopped" });
        _broker.Clock.SetUtcNow(start.AddDays(4));
        await ApproveAsync(_s.Kreftregisteret, await _s.QueuedTaskAsync(_s.Kreftregisteret, submitted[1], Stage.DataOwnerReview));
        _broker.Clock.SetUtcNow(start.AddDays(8));
        await ApproveAsync(_s.Kreftregisteret, await _s.QueuedTaskAsync(_s.Kreftregisteret, submitted[2], Stage.DataOwnerReview));
        _broker.Clock.SetUtcNow(start.AddDays(14));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Open_and_cancelled_tasks_are_counted_apart_and_Kaplan_Meier_is_compared_within_its_cohort()
    {
        var response = await _s.Analyst.Statistics.GetTurnaroundAsync(new GetTurnaroundRequest { Filter = FirstQuarter() });

        var kreft = response.Groups.Single(g => g.Stage == Stage.DataOwnerReview && g.Body == "kreftregisteret");
        Assert.False(kreft.Suppressed);
        Assert.Equal(3, kreft.Count); // closed in the period: the three approvals; the withdrawal is no completion
        Assert.Equal((5L, 3L, 1L, 1L), (kreft.CohortOpened, kreft.CohortCompleted, kreft.CohortOpen, kreft.CohortCancelled));
        // The cohort's completed tasks: 2, 4, 6 → median 4. Kaplan–Meier: S(2) = 4/5; the withdrawn one censored at 3
        // leaves 3 at risk: S(4) = 4/5 · 2/3 = 0.533; S(6) = 0.533 · 1/2 = 0.267 → median 6, above the closed median.
        Assert.Equal(4.0, kreft.CohortClosedMedianBusinessDays);
        Assert.Equal(6.0, kreft.KaplanMeierMedianBusinessDays);
        Assert.False(kreft.HasKaplanMeierP90BusinessDays); // the open one, censored at 10, keeps it above 0.1
        Assert.Equal([(0.0, 1.0), (2.0, 0.8), (4.0, 0.5333), (6.0, 0.2667)],
            kreft.KaplanMeierCurve.Select(s => (s.BusinessDays, Math.Round(s.ShareNotCompleted, 4))));

    }

    [Fact]
    public async Task Every_answer_says_its_period_filter_threshold_and_whether_it_is_still_running()
    {
        var filter = FirstQuarter();
        filter.DataSource = "kreftregisteret";
        filter.SuppressionThreshold = 6;

        var turnaround = await _s.Analyst.Statistics.GetTurnaroundAsync(new GetTurnaroundRequest { Filter = filter });
        var trend = await _s.Analyst.Statistics.GetMonthlyTrendAsync(new GetMonthlyTrendRequest { Filter = filter });
        var backlog = await _s.Analyst.Statistics.GetBacklogAsync(new GetBacklogRequest { Filter = filter });
        var lastYear = await _s.Analyst.Statistics.GetBottlenecksAsync(new GetBottlenecksRequest
        {
            Filter = new StatisticsFilter { StartDate = Day(2025, 1, 1) },
        });

        var scope = turnaround.Scope;
        Assert.Equal(("2026-01", "2026-03"), (Month(scope.StartMonth), Month(scope.EndMonth)));
        Assert.True(scope.Partial); // asked on 16 March: the quarter is still running
        Assert.Equal(("kreftregisteret", "", 6), (scope.DataSource, scope.RekCommittee, scope.SuppressionThreshold));
        Assert.False(scope.Simulated);
        Assert.Equal(_broker.Clock.GetUtcNow(), scope.ComputeTime.ToDateTimeOffset());
        Assert.Contains(turnaround.SlaAllowances, a => a is { Stage: Stage.DataOwnerReview, Days: 30, BusinessDays: true, AppliesTo: "" });
        Assert.Contains(turnaround.SlaAllowances, a => a is { Stage: Stage.RekReview, Days: 60, BusinessDays: false });
        // The trend's months: only March is running.
        Assert.Equal([false, false, true], trend.Months.Select(m => m.Partial));
        Assert.Equal(scope.StartMonth, trend.Scope.StartMonth);
        // The backlog is a point in time: no months, nothing partial; the rest of the filter is said.
        Assert.Null(backlog.Scope.StartMonth);
        Assert.Equal(("kreftregisteret", 6), (backlog.Scope.DataSource, backlog.Scope.SuppressionThreshold));
        // Unset, the end of the period is the start's December; a past year is not running, and the minimum applies.
        Assert.Equal(("2025-01", "2025-12", false, 5), (Month(lastYear.Scope.StartMonth), Month(lastYear.Scope.EndMonth),
            lastYear.Scope.Partial, lastYear.Scope.SuppressionThreshold));

        using var export = _s.Analyst.Statistics.ExportStageIntervals(new ExportStageIntervalsRequest { Filter = filter });
        var batches = await export.ResponseStream.ReadAllAsync().ToListAsync();
        Assert.Equal("kreftregisteret", batches[0].Scope.DataSource);
    }

    [Theory]
    [InlineData("nosuchregistry", "", "filter.data_source")]
    [InlineData("", "rek-atlantis", "filter.rek_committee")]
    public async Task A_source_or_committee_the_catalog_does_not_know_is_invalid_argument(string source, string committee, string field)
    {
        var filter = new StatisticsFilter { DataSource = source, RekCommittee = committee };

        var failures = new[]
        {
            await FailureOf(() => _s.Analyst.Statistics.GetTurnaroundAsync(new GetTurnaroundRequest { Filter = filter }).ResponseAsync),
            await FailureOf(() => _s.Analyst.Statistics.GetBacklogAsync(new GetBacklogRequest { Filter = filter }).ResponseAsync),
            await FailureOf(() => _s.Analyst.Statistics.GetMonthlyTrendAsync(new GetMonthlyTrendRequest { Filter = filter }).ResponseAsync),
            await FailureOf(() => _s.Analyst.Statistics.GetBottlenecksAsync(new GetBottlenecksRequest { Filter = filter }).ResponseAsync),
        };

        Assert.All(failures, f => Assert.Equal(StatusCode.InvalidArgument, f.Code));
        Assert.All(failures, f => Assert.Equal(field, Assert.Single(FieldViolations(f.Details)).Field));
    }

    [Fact]
    public async Task Dab_prints_the_scope_the_cohort_apart_and_what_a_dash_means()
    {
        var (exit, output, _) = await Dab("stats", "turnaround", "--from", "2026-01", "--to", "2026-03", "--source", "kreftregisteret");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("Period 2026-01 – 2026-03 (still running: figures so far)", output);
        Assert.Contains("purpose all · data source kreftregisteret · REK committee all · groups of fewer than 5 cases suppressed", output);
        Assert.Contains("Tasks opened in the period, followed to today", output);
        // The cohort table's row, whatever the table's borders: OPENED DONE OPEN CANCELLED DONE-MEDIAN KM-MEDIAN KM-P90.
        var row = output.Split('\n').Last(l => l.Contains("data-owner review · kreftregisteret"));
        Assert.Equal(["5", "3", "1", "1", "4", "6", "–"],
            System.Text.RegularExpressions.Regex.Matches(row, @"(?<=\s)(\d+(\.\d+)?|–)(?=\s|$)").Select(m => m.Value).TakeLast(7));
        Assert.Contains("– no figure", output);
        Assert.DoesNotContain("SIMULATED", output);

        var unknown = await Dab("stats", "backlog", "--source", "nosuchregistry");
        Assert.Equal(ExitCodes.InvalidInput, unknown.Exit);
        Assert.Contains("not a data source in the catalog", unknown.Error);
    }

    [Fact]
    public async Task Dab_exports_one_JSON_document_with_its_scope()
    {
        var (exit, output, error) = await Dab("stats", "export", "--json", "--from", "2026-01", "--to", "2026-03");

        Assert.Equal(ExitCodes.Ok, exit);
        using var document = JsonDocument.Parse(output);
        var start = document.RootElement.GetProperty("scope").GetProperty("startMonth");
        Assert.Equal((2026, 1), (start.GetProperty("year").GetInt32(), start.GetProperty("month").GetInt32()));
        // NPR's five reviews of a day each; Kreftregisteret's three are too few to leave the broker uncoarsened.
        var intervals = document.RootElement.GetProperty("intervals").EnumerateArray()
            .Select(i => (i.GetProperty("body").GetString()!, i.GetProperty("bodyBusinessDays").GetDouble())).ToList();
        Assert.Equal(Enumerable.Repeat(("npr", 1.0), 5), intervals);
        Assert.Contains("Period 2026-01 – 2026-03", error); // the scope goes to the terminal, not into the data
    }

    private async Task<(int Exit, string Output, string Error)> Dab(params string[] args)
    {
        Environment.SetEnvironmentVariable("DAB_TOKEN", _broker.TokenFor("anders", "helseomsorg21", "Analyst"));
        try
        {
            var (stdout, stderr) = (new StringWriter(), new StringWriter());
            var exit = await DabCli.RunAsync([.. args, "--server", _broker.GrpcAddress], stdout, stderr);
            return (exit, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable("DAB_TOKEN", null);
        }
    }

    private static string Month(Google.Type.Date date) => $"{date.Year:D4}-{date.Month:D2}";

    private static Google.Type.Date Day(int year, int month, int day) => new() { Year = year, Month = month, Day = day };

    private static StatisticsFilter FirstQuarter() => new() { StartDate = Day(2026, 1, 1), EndDate = Day(2026, 3, 31) };
}
