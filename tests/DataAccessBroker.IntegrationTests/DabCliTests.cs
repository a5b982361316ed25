using System.Text.Json;
using DataAccessBroker.Cli;

namespace DataAccessBroker.IntegrationTests;

/// <summary>
/// The README walk-through typed with dab (run in-process) against the real broker: a researcher applies for
/// Kreftregisteret and NPR data and the application reaches Delivered. Also the exit codes scripts rely on.
/// </summary>
[Collection(DabCollection.Name)]
public sealed class DabCliTests(BrokerFixture broker) : IClassFixture<BrokerFixture>, IDisposable
{
    private readonly DabSession _dab = new(broker);

    [Fact]
    public async Task A_new_user_walks_the_README_scenario_to_delivered()
    {
        await Dab(0, "login", "ada");
        var id = (await Dab(0, "apply", ExampleFile(), "--submit", "--quiet")).Out.Trim();
        var submitted = JsonDocument.Parse((await Dab(0, "show", id, "--json")).Out);
        Assert.Equal("STATE_REK_REVIEW", submitted.RootElement.GetProperty("application").GetProperty("state").GetString());
        var pending = (await Dab(0, "show", id)).Out;
        Assert.Contains("60 calendar days", pending); // REK's allowance, with its due date
        Assert.Contains("bd left", pending);
        Assert.Contains("decision due", pending);

        // Reviewers name the task by its id from `dab queue`, or by the application's id.
        await Decide("rita", "approve", FirstQueuedTask, "-m", "Ethically sound");
        await Decide("kari", "approve", id, "-m", "Variables justified");
        await Decide("nils", "approve", id, "-m", "Variables justified");
        await Decide("hanne", "approve", id, "--conditions", "Analysis only inside TSD");
        await Decide("kari", "deliver", id, "-m", "Delivered to TSD");
        var last = await Decide("nils", "deliver", id, "-m", "Delivered to TSD");
        Assert.Contains("the application is now delivered", last);

        await Dab(0, "login", "ada");
        Environment.SetEnvironmentVariable("COLUMNS", "200"); // wide enough for every event on one line
        var shown = (await Dab(0, "show", id)).Out;
        Environment.SetEnvironmentVariable("COLUMNS", null);
        Assert.Contains("delivered", shown);
        Assert.Contains("Analysis only inside TSD", shown);
        Assert.Contains("data owner review → hds decision", shown);
        Assert.Contains(id, (await Dab(0, "list")).Out);
    }

    [Fact]
    public async Task An_application_file_may_be_JSON()
    {
        var file = Path.Combine(Path.GetTempPath(), $"application-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """
            {
              "title": "Antibiotic prescribing in primary care",
              "summary": "Quality study of prescribing patterns.",
              "purpose": "quality-improvement",
              "project_period": { "start": "2026-03-01", "end": "2027-02-28" },
              "principal_investigator": { "name": "Ada Forsker", "email": "ada@uio.no", "institution": "UiO" },
              "legal_basis": "helseregisterloven § 19 a",
              "sources_linked": false,
              "data_sources": [ { "source": "reseptregisteret", "variables": ["atc", "dispensing_date"], "cohort": "All, 2020-2025" } ]
            }
            """);
        await Dab(0, "login", "ada");

        var applied = JsonDocument.Parse((await Dab(0, "apply", file, "--submit", "--json")).Out).RootElement;

        Assert.Equal("STATE_DATA_OWNER_REVIEW", applied.GetProperty("state").GetString());
        Assert.Equal("PURPOSE_QUALITY_IMPROVEMENT", applied.GetProperty("purpose").GetString());
        Assert.Equal("reseptregisteret", applied.GetProperty("dataSources")[0].GetProperty("dataSource").GetString());
        File.Delete(file);
    }

    [Fact]
    public async Task An_analyst_reads_tables_exports_CSV_and_writes_a_well_formed_report_with_every_section()
    {
        await A_new_user_walks_the_README_scenario_to_delivered(); // some history to report on
        await Dab(0, "login", "anders");

        var turnaround = (await Dab(0, "stats", "turnaround", "--suppress-below", "5")).Out;
        Assert.Contains("STAGE · BODY", turnaround);
        Assert.Contains("suppressed", turnaround); // one application: every group is below five

        var csv = Path.Combine(Path.GetTempPath(), $"intervals-{Guid.NewGuid():N}.csv");
        await Dab(0, "stats", "export", "--csv", csv);
        var lines = await File.ReadAllLinesAsync(csv);
        Assert.StartsWith("stage,body,purpose,open_time,close_time", lines[0]);
        // One application: every group of its intervals is below five, so the export leaves each row out.
        Assert.Single(lines);
        Assert.DoesNotContain(lines, l => l.Contains("ada", StringComparison.OrdinalIgnoreCase));

        var report = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.html");
        await Dab(0, "stats", "report", "--html", report);
        var html = await File.ReadAllTextAsync(report);
        using var reader = System.Xml.XmlReader.Create(new StringReader(html),
            new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Ignore });
        var document = System.Xml.Linq.XDocument.Load(reader); // throws unless well-formed
        var sections = document.Descendants().Where(e => e.Name.LocalName == "section")
            .Select(e => e.Attribute("id")?.Value).ToList();
        Assert.Equal(DataAccessBroker.Cli.Statistics.HtmlReport.Sections, sections);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/", "")); // nothing fetched from the network
        Assert.DoesNotContain("<script", html);
        File.Delete(csv);
        File.Delete(report);
    }

    [Fact]
    public async Task Errors_come_in_plain_words_with_meaningful_exit_codes()
    {
        Assert.Contains("not signed in", (await Dab(ExitCodes.NotSignedIn, "list")).Err);

        await Dab(0, "login", "ada");
        var file = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, File.ReadAllText(ExampleFile()).Replace("source: npr", "source: no-such-registry"));
        var invalid = await Dab(ExitCodes.InvalidInput, "apply", file);
        Assert.Contains("data_sources[1].source: 'no-such-registry' is not a known data source", invalid.Err);

        await File.WriteAllTextAsync(file, "title: [unclosed");
        Assert.Contains(file, (await Dab(ExitCodes.Usage, "apply", file)).Err);

        Assert.Contains("was not found", (await Dab(ExitCodes.NotFound, "show", Guid.NewGuid().ToString())).Err);
        Assert.Contains("cannot reach the broker",
            (await Dab(ExitCodes.Unreachable, "list", "--server", $"http://127.0.0.1:{BrokerFixture.FreePort()}")).Err);
        Assert.Contains("does not have the role", (await Dab(ExitCodes.Usage, "login", "ada", "--role", "Admin")).Err);
        File.Delete(file);
    }

    public void Dispose() => _dab.Dispose();

    private const string FirstQueuedTask = "(first task of dab queue)";

    /// <summary>Signs in as the reviewer and decides the task named, as a person reading `dab queue` would.</summary>
    private async Task<string> Decide(string reviewer, string verb, string task, params string[] options)
    {
        await Dab(0, "login", reviewer);
        if (task == FirstQueuedTask) task = (await Dab(0, "queue")).Out.Split('\n')[1].Split(' ', 2)[0];
        return (await Dab(0, [verb, task, .. options])).Out;
    }

    private Task<(string Out, string Err)> Dab(int expectedExitCode, params string[] args) => _dab.Dab(expectedExitCode, args);

    private static string ExampleFile() => DabSession.ExampleFile();
}
