using System.Xml.Linq;
using DataAccessBroker.Cli.Statistics;
using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Reporting;
using DataAccessBroker.Reporting.Charts;
using static DataAccessBroker.IntegrationTests.ReportDocument;

namespace DataAccessBroker.IntegrationTests;

/// <summary>
/// What the report says about where its figures come from, and how it draws what it cannot show, on answers built by
/// hand (<see cref="SampleReport"/>): no broker needed to know how a simulated history or a partial month reads.
/// </summary>
public sealed class ReportRenderingTests
{
    private static readonly DateTimeOffset Written = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A new broker answers with nothing closed, open or late: every chart still draws (axes, no marks).</summary>
    [Fact]
    public void Every_chart_draws_an_empty_answer_without_failing()
    {
        IChart[] charts =
        [
            ReportCharts.LeadTimeShares([]), ReportCharts.OpenPerStage([]), ReportCharts.LeadTimeParts([]),
            ReportCharts.TrendCounts([]), ReportCharts.TrendLeadTime([]),
        ];
        foreach (var chart in charts)
        {
            var svg = XElement.Parse(chart.Svg());
            Assert.Equal("img", (string?)svg.Attribute("role"));
            Assert.Contains(svg.Descendants(), e => e.Name.LocalName == "line");
        }
    }

    [Fact]
    public void A_simulated_history_says_so_in_the_title_and_a_banner_before_anything_else()
    {
        var report = Render(SampleReport.Snapshot(simulated: true));

        Assert.StartsWith("SIMULATED HISTORY – ", report.Title);
        var header = Descendants(report.ById("simulated").Parent!, "p").First();
        Assert.Equal("simulated", (string?)header.Attribute("id")); // the first thing in the report
        Assert.Contains("These figures are not real; never report them as real.", report.ById("simulated").Value);
        Assert.StartsWith("SIMULATED", report.ById("scope-history").Value);
    }

    [Fact]
    public void A_real_history_carries_no_warning()
    {
        var report = Render(SampleReport.Snapshot(simulated: false));

        Assert.DoesNotContain("SIMULATED", report.Title);
        Assert.False(report.Has("simulated"));
        Assert.False(report.Has("scope-unknown"));
        Assert.StartsWith("real", report.ById("scope-history").Value);
    }

    [Fact]
    public void A_broker_that_does_not_report_its_scope_gets_a_warning_not_the_benefit_of_the_doubt()
    {
        var report = Render(SampleReport.Snapshot(simulated: false, withScope: false));

        Assert.Contains("Not known whether real", report.ById("scope-unknown").Value);
        Assert.Equal("not reported by the broker", report.ById("scope-history").Value);
        Assert.StartsWith("2026-01 – 2026-12", report.ById("scope-period").Value); // what was asked
    }

    [Fact]
    public void The_period_every_filter_and_the_threshold_are_printed_and_a_partial_month_is_marked()
    {
        var report = Render(SampleReport.Snapshot());

        Assert.Equal("2026-01 – 2026-12 (still running: figures so far)", report.ById("scope-period").Value);
        Assert.Equal(("health research", "every data source", "rek-vest"),
            (report.ById("scope-purpose").Value, report.ById("scope-data-source").Value, report.ById("scope-rek-committee").Value));
        Assert.StartsWith("7: groups of fewer than 7 cases", report.ById("scope-threshold").Value);
        var months = Table(report.ById("trend"));
        Assert.Equal("2026-12 (partial)", months[^1]["Month"]);
        Assert.All(months.SkipLast(1), m => Assert.DoesNotContain("partial", m["Month"]));
        Assert.Equal("suppressed", months[3]["Median lead time (calendar days)"]);
        Assert.Contains(Descendants(report.ById("trend-counts"), "text"), t => t.Value == "partial");
    }

    [Fact]
    public void SLA_allowances_are_marked_and_a_calendar_allowance_says_it_is_an_equivalent()
    {
        var report = Render(SampleReport.Snapshot());

        Assert.Contains(Labels(report.ById("km-rek-review")), l => l == "SLA ≈ 43 bd = 60 calendar days");
        Assert.Contains("marked at days × 5/7", report.ById("km-rek-review").Value);
        var review = Labels(report.ById("km-data-owner-review")).ToList();
        Assert.Contains("SLA 30 bd", review);
        Assert.Contains("SLA 60 bd (linked sources)", review);
        Assert.DoesNotContain("5/7", report.ById("km-data-owner-review").Value);
    }

    [Fact]
    public void A_suppressed_registry_is_named_and_not_drawn()
    {
        var report = Render(SampleReport.Snapshot());

        var chart = report.ById("registries-data-owner-review");
        Assert.Equal(3, Descendants(chart, "rect").Count()); // kreftregisteret, npr, reseptregisteret; not msis
        Assert.Contains(Labels(chart), l => l == "suppressed");
        Assert.Contains("19 bd (n = 160)", Labels(chart));
        Assert.False(report.Has("registries-hds-decision")); // one body: nothing to compare
        Assert.Equal(["At the body (Business days)", "Waiting on the applicant (Business days)"],
            Table(report.ById("lead-time-parts"))[0].Keys.Skip(1).Take(2));
        Assert.Equal(("34.1", "12"), (Row(Table(report.ById("lead-time-parts")), "REK review")["At the body (Business days)"],
            Row(Table(report.ById("lead-time-parts")), "REK review")["Waiting on the applicant (Business days)"]));
    }

    [Fact]
    public void No_chart_carries_an_inline_style_so_a_page_allowing_only_its_own_stylesheets_shows_it_whole()
    {
        // The web portal draws these charts under a Content-Security-Policy of style-src 'self': a style attribute or
        // element would be dropped there. Presentation attributes (fill, stroke, font-size) and classes are fine.
        var s = SampleReport.Snapshot();
        IChart[] charts =
        [
            .. ReportCharts.PerRegistry(s.Turnaround.Groups),
            .. ReportCharts.KaplanMeierFigures(s.Turnaround.Groups, s.Turnaround.SlaAllowances).Select(f => f.Chart).OfType<IChart>(),
            ReportCharts.OpenPerStage(s.Backlog.Groups), ReportCharts.TrendCounts(s.Trend.Months),
            ReportCharts.TrendLeadTime(s.Trend.Months), ReportCharts.LeadTimeParts(s.Turnaround.Groups),
            ReportCharts.LeadTimeShares(s.Bottlenecks.Bottlenecks),
        ];

        Assert.True(charts.Length >= 8, $"{charts.Length} charts");
        foreach (var chart in charts)
        {
            var figure = XElement.Parse(ChartFigure.Html(chart, "a note")).DescendantsAndSelf().ToList();
            Assert.Contains(figure, e => e.Name.LocalName == "svg");
            Assert.DoesNotContain(figure, e => e.Name.LocalName == "style" || e.Attribute("style") is not null);
        }

        // The report keeps one stylesheet of its own, in its head, and nothing inline.
        var report = Render(s);
        Assert.Equal("head", Assert.Single(report.Elements("style")).Parent!.Name.LocalName);
        Assert.Empty(report.WithAttribute("style"));
    }

    private static ReportDocument Render(StatisticsSnapshot snapshot) => new(HtmlReport.Render(snapshot, Written));

    private static IEnumerable<string> Labels(System.Xml.Linq.XElement figure) => Descendants(figure, "text").Select(t => t.Value);
}
