using System.Text.RegularExpressions;
using DataAccessBroker.Contracts.V1;
using Microsoft.Playwright;
using static DataAccessBroker.IntegrationTests.Portal.PageChecks;

namespace DataAccessBroker.IntegrationTests.Portal;

/// <summary>
/// The analyst's statistics page over a simulated history (the report's charts, each with its table; the filters;
/// the CSV) and the admin's pages (the catalog with a source added and a bad one refused field by field, SLA
/// milestones and notifications, jobs). axe-core on each.
/// </summary>
public sealed class PortalAnalystAndAdminTests(PortalFixture portal) : IClassFixture<PortalFixture>, IAsyncLifetime
{
    public async Task InitializeAsync() =>
        await portal.Broker.As("admin", "dab", "Admin").Simulation.SimulateHistoryAsync(
            new SimulateHistoryRequest { Applications = 200, Seed = 5, Months = 12 });

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_analyst_sees_the_reports_charts_with_their_figures_and_downloads_the_csv()
    {
        var anders = await portal.SignInAsync("anders");
        Assert.Equal("/Statistics", new Uri(anders.Url).AbsolutePath);
        var year = DateTime.UtcNow.Year;
        await anders.GotoAsync($"/Statistics?Filter.From={year}-01&Filter.To={year}-12");
        var text = await anders.Locator("main").InnerTextAsync();
        Assert.True(text.Contains("Simulated history.", StringComparison.Ordinal), text);
        var charts = anders.Locator("figure.chart svg[role='img']");
        Assert.True(await charts.CountAsync() >= 6, $"{await charts.CountAsync()} charts");
        // Every chart is named and described for screen readers, and its figures are in a table beside it.
        Assert.Equal(await charts.CountAsync(), await anders.Locator("figure.chart svg[role='img'] > title").CountAsync());
        Assert.Equal(await charts.CountAsync(), await anders.Locator("figure.chart table").CountAsync());
        Assert.Contains("Kaplan–Meier", await anders.Locator("main").InnerTextAsync());
        await AccessibleAsync(anders);

        var download = await anders.RunAndWaitForDownloadAsync(() =>
            anders.GetByRole(AriaRole.Link, new() { Name = "Download the stage intervals (CSV)" }).ClickAsync());
        var csv = await File.ReadAllLinesAsync((await download.PathAsync())!);
        Assert.Equal("stage-intervals.csv", download.SuggestedFilename);
        Assert.StartsWith("stage,", csv[0]);
        Assert.True(csv.Length > 50, $"{csv.Length} lines");

        await anders.GotoAsync("/Statistics?Filter.From=2026-13");
        Assert.Equal("true", await anders.GetByLabel("From month").GetAttributeAsync("aria-invalid"));
        await Assertions.Expect(anders.Locator(".error-summary")).ToContainTextAsync("Not a month");
        await AccessibleAsync(anders);
    }

    [Fact]
    public async Task The_admin_adds_to_the_catalog_and_reads_the_sla_record_and_the_jobs()
    {
        var admin = await portal.SignInAsync("admin");
        Assert.Equal("/Admin/Catalog", new Uri(admin.Url).AbsolutePath);
        await AccessibleAsync(admin);

        var form = admin.Locator("form").Filter(new() { Has = admin.GetByRole(AriaRole.Button, new() { Name = "Add the data source" }) });
        await form.GetByLabel("Code").FillAsync("Not A Code!");
        await form.GetByLabel("Name", new() { Exact = true }).FillAsync("Norsk hjerteregister");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add the data source" }).ClickAsync();
        Assert.Equal("true", await form.GetByLabel("Code").GetAttributeAsync("aria-invalid"));
        await AccessibleAsync(admin);

        await form.GetByLabel("Code").FillAsync("hjerteregisteret");
        await form.GetByLabel("Owner").FillAsync("Folkehelseinstituttet");
        await form.GetByLabel("Reviewers' organisation").FillAsync("hjerteregisteret");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add the data source" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".notice")).ToContainTextAsync("The data source was added.");
        await Assertions.Expect(admin.GetByRole(AriaRole.Cell, new() { Name = "hjerteregisteret", Exact = true }).First).ToBeVisibleAsync();

        await admin.GetByRole(AriaRole.Link, new() { Name = "SLA and notifications" }).ClickAsync();
        Assert.Equal("SLA and notifications", await HeadingAsync(admin));
        Assert.Matches(new Regex(@"^\d+ not yet sent\.$"), (await admin.Locator("#notifications-heading + p").InnerTextAsync()).Trim());
        await AccessibleAsync(admin);

        await admin.GetByRole(AriaRole.Link, new() { Name = "Jobs" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Cell, new() { Name = "backlog-snapshot" })).ToBeVisibleAsync();
        await AccessibleAsync(admin);
    }
}
