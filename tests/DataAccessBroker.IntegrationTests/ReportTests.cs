using DataAccessBroker.Cli.Connection;
using DataAccessBroker.Cli.Statistics;
using DataAccessBroker.Contracts.V1;
using static DataAccessBroker.IntegrationTests.ReportDocument;
using static DataAccessBroker.IntegrationTests.Scenario;

namespace DataAccessBroker.IntegrationTests;

/// <summary>
/// The HTML report of a history built through the real broker, read back by its labels. Twelve quality-improvement
/// applications to Kreftregisteret open their data-owner review on Monday 2 March 2026: six are approved after 1, 2,
/// 3, 4, 5 and 6 business days, one is withdrawn after 2, five are still open on Wednesday 18 March (12 business days).
/// The closed median of that cohort is 3 days; Kaplan–Meier, which counts the five open and the one withdrawn, says 6.
/// </summary>
public sealed class ReportTests : IClassFixture<FakeClockFixture>, IAsyncLifetime
{
    private readonly FakeClockFixture _broker;
    private readonly Scenario _s;

    public ReportTests(FakeClockFixture broker)
    {
        _broker = broker;
        _s = new Scenario(broker);
    }

    public async Task InitializeAsync()
    {
        if (await _broker.Database.CountAsync("applications") > 0) return; // the history is built once per class
        var submitted = new List<string>();
        for (var i = 0; i < 12; i++) submitted.Add(await _s.SubmittedToDataOwnerAsync("kreftregisteret"));

        // Business days from Monday 2 March: 1 → Tue 3, 2 → Wed 4, 3 → Thu 5, 4 → Fri 6, 5 → Mon 9, 6 → Tue 10.
        var start = _broker.Clock.GetUtcNow();
        int[] calendarDays = [1, 2, 3, 4, 7, 8];
        for (var i = 0; i < calendarDays.Length; i++)
        {
            _broker.Clock.SetUtcNow(start.AddDays(calendarDays[i]));
            await ApproveAsync(_s.Kreftregisteret, await _s.QueuedTaskAsync(_s.Kreftregisteret, submitted[i], Stage.DataOwnerReview));
            if (calendarDays[i] == 2)
            {
                await _s.Ada.Applications.WithdrawApplicationAsync(new WithdrawApplicationRequest { Name = submitted[6] });
            }
        }

        _broker.Clock.SetUtcNow(start.AddDays(16)); // Wednesday 18 March: the last five have waited 12 business days
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_report_shows_the_cohort_with_Kaplan_Meier_above_its_closed_median()
    {
        var report = await ReportAsync(FirstQuarter());

        var cohort = Table(report.ById("kaplan-meier"));
        var review = Row(cohort, "data-owner review (all)");
        Assert.Equal(("12", "6", "5", "1"), (review["Opened in period"], review["Completed"], review["Open now"], review["Cancelled"]));
        Assert.Equal("3", review["Closed median (this cohort)"]);
        Assert.Equal("6", review["Kaplan–Meier median"]); // the open and withdrawn tasks push it up: never below 3
        Assert.Equal("–", review["Kaplan–Meier p90"]);    // 46 % are still open: the curve never gets down to 10 %
        Assert.DoesNotContain(cohort[0].Keys, header => header.Contains("Still open"));
        var closed = Row(Table(report.ById("turnaround")), "data-owner review · kreftregisteret");
        Assert.Equal(("6", "3", "6"), (closed["Closed in period"], closed["Median"], closed["p90"]));

        // One sentence names the cohort where its figures are; the legend note says what – means.
        Assert.Contains("every task opened in 2026-01 – 2026-03, followed to 2026-03-18", report.ById("cohort").Value);
        Assert.Contains("– no figure: nothing completed yet, or too many still open", Flat(report.ById("how-to-read").Value));

        // The curve: 11/12 after 1 day, then 10/12, and after the withdrawal at 2 days 9 at risk: 8/9, 7/8, 6/7, 5/6.
        var figures = Table(report.ById("km-data-owner-review"));
        var curve = figures.Where(r => r["Curve"] == "Kaplan–Meier estimate").ToList();
        Assert.Equal(["0", "1", "2", "3", "4", "5", "6"], curve.Select(r => r["Business days since the task opened"]));
        Assert.Equal(["100 %", "92 %", "83 %", "74 %", "65 %", "56 %", "46 %"], curve.Select(r => r["Not yet completed"]));
        Assert.Equal("30", Row(figures, "SLA 30 bd")["Business days since the task opened"]); // the broker's allowance
        // HDS has six tasks open and none completed: said in words, not drawn as an empty chart.
        Assert.Contains("none of the 6 tasks opened in the period has completed yet", report.ById("km-hds-decision").Value);
        var description = Descendants(report.ById("km-data-owner-review"), "desc").Single().Value;
        Assert.Contains("Kaplan–Meier median 6 business days, median of the cohort's completed tasks 3 business days", description);
    }

    [Fact]
    public async Task The_cohorts_open_tasks_agree_with_the_backlog_when_all_opened_in_the_period()
    {
        var report = await ReportAsync(FirstQuarter());

        var cohort = Table(report.ById("kaplan-meier"));
        var backlog = Table(report.ById("backlog"));
        Assert.Contains("Open now (any opening month)", backlog[0].Keys);
        Assert.Contains("whatever month it opened", report.ById("backlog").Value);
        foreach (var stage in new[] { "data-owner review (all)", "HDS decision (all)" })
        {
            Assert.Equal(Row(cohort, stage)["Open now"], Row(backlog, stage)["Open now (any opening month)"]);
        }

        Assert.Equal(("5", "6"), (Row(backlog, "data-owner review (all)")["Open now (any opening month)"],
            Row(backlog, "HDS decision (all)")["Open now (any opening month)"]));
        // The trend counts applications: twelve submitted, one withdrawn, eleven open now (the 18th: March is running).
        var march = Row(Table(report.ById("trend")), "2026-03 (partial)");
        Assert.Equal(("12", "1", "11"), (march["Arrivals (applications)"], march["Completions (applications)"],
            march["Open at month end (applications)"]));
    }

    [Fact]
    public async Task The_report_names_its_filter_and_threshold_and_shows_a_suppressed_group_as_suppressed()
    {
        var filter = FirstQuarter();
        (filter.DataSource, filter.SuppressionThreshold) = ("kreftregisteret", 6);

        var report = await ReportAsync(filter);

        Assert.StartsWith("2026-01 – 2026-03", report.ById("scope-period").Value);
        Assert.Equal("kreftregisteret", report.ById("scope-data-source").Value);
        Assert.Equal("every purpose", report.ById("scope-purpose").Value);
        Assert.StartsWith("6: groups of fewer than 6 cases are suppressed", report.ById("scope-threshold").Value);
        // Five open review tasks are fewer than six: suppressed in the table, and named in the chart instead of a bar.
        Assert.Equal("suppressed", Row(Table(report.ById("backlog")), "data-owner review (all)")["Open now (any opening month)"]);
        var chart = report.ById("backlog-open");
        Assert.Contains(Descendants(chart, "text"), t => t.Value == "suppressed");
        Assert.Empty(Descendants(chart, "rect"));
    }

    private async Task<ReportDocument> ReportAsync(StatisticsFilter filter)
    {
        using var clients = new BrokerClients(_broker.GrpcAddress, _broker.TokenFor("anders", "helseomsorg21", "Analyst"));
        var snapshot = await StatisticsSnapshot.FetchAsync(clients, filter, [], default);
        return new ReportDocument(HtmlReport.Render(snapshot, _broker.Clock.GetUtcNow()));
    }

    private static string Flat(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    /// <summary>January to March 2026: the history is all in March.</summary>
    private static StatisticsFilter FirstQuarter() => new()
    {
        StartDate = new Google.Type.Date { Year = 2026, Month = 1, Day = 1 },
        EndDate = new Google.Type.Date { Year = 2026, Month = 3, Day = 1 },
    };
}
