using DataAccessBroker.Cli.Statistics;
using DataAccessBroker.Reporting;
using DataAccessBroker.Reporting.Charts;
using Microsoft.Playwright;

namespace DataAccessBroker.IntegrationTests;

/// <summary>
/// The HTML report in headless Chromium at a desktop and a phone width, both the hand-built one (every case the
/// report draws) and a broker's report of simulated history: no errors, nothing fetched, nothing wider than the
/// screen, every label inside its chart, every chart named and described for screen readers with its figures in a
/// table. Screenshots are written for people to look at, not compared pixel by pixel: fonts and anti-aliasing
/// differ from one Chromium build to the next, while these properties do not.
/// </summary>
public sealed class ReportInBrowserTests(SimulatedHistoryFixture simulated) : IClassFixture<SimulatedHistoryFixture>, IAsyncLifetime
{
    /// <summary>Where the screenshots go, for a reviewer to open.</summary>
    public static readonly string ScreenshotDirectory = Path.Combine(Path.GetTempPath(), "dab-report-screenshots");

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await SystemChromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }

    [Theory]
    [InlineData("sample", "desktop", 1280)]
    [InlineData("sample", "phone", 390)]
    [InlineData("simulated", "desktop", 1280)]
    [InlineData("simulated", "phone", 390)]
    public async Task The_report_renders_cleanly_at_desktop_and_phone_width(string report, string device, int width)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var file = Path.Combine(ScreenshotDirectory, $"report-{report}-{device}.html");
        await File.WriteAllTextAsync(file, report == "sample"
            ? HtmlReport.Render(SampleReport.Snapshot(), DateTimeOffset.UtcNow)
            : simulated.Report);
        var page = await _browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type is "error" or "warning") problems.Add($"console {message.Type}: {message.Text}"); };
        page.PageError += (_, error) => problems.Add($"page error: {error}");
        page.Request += (_, request) => { if (request.Url != new Uri(file).AbsoluteUri) problems.Add($"fetched {request.Url}"); };

        await page.GotoAsync(new Uri(file).AbsoluteUri);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"report-{report}-{device}.png"), FullPage = true });

        Assert.Empty(problems);
        var (scrollWidth, innerWidth) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("innerWidth"));
        Assert.True(scrollWidth <= innerWidth, $"the page is {scrollWidth}px wide in a {innerWidth}px window");
        Assert.Empty(await page.EvaluateAsync<string[]>(ChartProblems));
        Assert.True(await page.EvaluateAsync<int>("document.querySelectorAll('svg').length") >= 8); // the charts are there
    }

    /// <summary>
    /// The charts as the web portal shows them: figures in a page of its own whose Content-Security-Policy allows no
    /// inline style (style-src 'self') and nothing else. Chromium reports every refused style or fetch in the console.
    /// </summary>
    [Fact]
    public async Task The_charts_draw_under_a_content_security_policy_that_refuses_inline_styles()
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var s = SampleReport.Snapshot();
        IEnumerable<string> figures =
        [
            .. ReportCharts.PerRegistry(s.Turnaround.Groups).Select(c => ChartFigure.Html(c, Legends.PerRegistryChart)),
            .. ReportCharts.KaplanMeierFigures(s.Turnaround.Groups, s.Turnaround.SlaAllowances)
                .Where(f => f.Chart is not null).Select(f => ChartFigure.Html(f.Chart!, f.Note)),
            ChartFigure.Html(ReportCharts.OpenPerStage(s.Backlog.Groups)),
            ChartFigure.Html(ReportCharts.TrendCounts(s.Trend.Months)),
            ChartFigure.Html(ReportCharts.TrendLeadTime(s.Trend.Months), Legends.TrendLeadTimeChart),
            ChartFigure.Html(ReportCharts.LeadTimeParts(s.Turnaround.Groups), Legends.LeadTimePartsChart),
            ChartFigure.Html(ReportCharts.LeadTimeShares(s.Bottlenecks.Bottlenecks)),
        ];
        var file = Path.Combine(ScreenshotDirectory, "charts-under-csp.html");
        await File.WriteAllTextAsync(file, $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8" />
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'" />
            <title>Charts</title></head>
            <body>{string.Concat(figures)}</body></html>
            """);
        var page = await _browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 800, Height = 900 } });
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type is "error" or "warning") problems.Add($"console {message.Type}: {message.Text}"); };
        page.PageError += (_, error) => problems.Add($"page error: {error}");

        await page.GotoAsync(new Uri(file).AbsoluteUri);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, "charts-under-csp.png"), FullPage = true });

        Assert.Empty(problems);
        Assert.Empty(await page.EvaluateAsync<string[]>(ChartProblems));
        Assert.True(await page.EvaluateAsync<int>("document.querySelectorAll('svg').length") >= 8);
    }

    /// <summary>
    /// Every chart: an svg with role img, named by a title and described by a desc, its figures in a table in the
    /// same figure, no wider than the window, and every text inside the drawing (a clipped label is lost).
    /// </summary>
    private const string ChartProblems = """
        () => {
          const problems = [];
          document.querySelectorAll('svg').forEach((svg, i) => {
            const figure = svg.closest('figure');
            const name = figure ? figure.id : `svg ${i}`;
            const byId = (attribute) => { const id = svg.getAttribute(attribute); return id ? document.getElementById(id) : null; };
            if (svg.getAttribute('role') !== 'img') problems.push(`${name}: role is not img`);
            const title = byId('aria-labelledby'), desc = byId('aria-describedby');
            if (!title || title.tagName !== 'title' || !title.textContent.trim()) problems.push(`${name}: no title`);
            if (!desc || desc.tagName !== 'desc' || !desc.textContent.trim()) problems.push(`${name}: no desc`);
            if (!figure || !figure.querySelector('table')) problems.push(`${name}: no data table`);
            if (svg.getBoundingClientRect().right > innerWidth + 0.5) problems.push(`${name}: wider than the window`);
            const frame = svg.getBoundingClientRect();
            svg.querySelectorAll('text').forEach(text => {
              const box = text.getBoundingClientRect(); // after transforms: the turned axis titles too
              if (box.left < frame.left - 0.5 || box.right > frame.right + 0.5 || box.top < frame.top - 0.5 || box.bottom > frame.bottom + 0.5)
                problems.push(`${name}: "${text.textContent}" runs outside the chart`);
            });
          });
          return problems;
        }
        """;
}
