using System.Diagnostics;
using System.Text.Json;
using DataAccessBroker.Cli;
using DataAccessBroker.Cli.Output;
using DataAccessBroker.Contracts.V1;
using Grpc.Core;
using static DataAccessBroker.IntegrationTests.Scenario;

namespace DataAccessBroker.IntegrationTests;

/// <summary>dab in scripts and shells: one JSON document per command, completion scripts, output that fits.</summary>
[Collection(DabCollection.Name)]
public sealed class DabScriptingTests(BrokerFixture broker) : IClassFixture<BrokerFixture>, IDisposable
{
    private readonly DabSession _dab = new(broker);
    private readonly Scenario _s = new(broker);

    [Fact]
    public async Task Every_list_under_json_is_one_JSON_document()
    {
        await _dab.Dab(0, "login", "ada");
        var first = await AppliedAsync();
        var second = await AppliedAsync();

        var list = Json((await _dab.Dab(0, "list", "--json")).Out);
        var ids = list.GetProperty("applications").EnumerateArray().Select(a => a.GetProperty("name").GetString()).ToList();
        Assert.Contains($"applications/{first}", ids);
        Assert.Contains($"applications/{second}", ids);

        var shown = Json((await _dab.Dab(0, "show", first, "--json")).Out);
        Assert.Equal("STATE_REK_REVIEW", shown.GetProperty("application").GetProperty("state").GetString());
        Assert.True(shown.GetProperty("events").GetArrayLength() >= 2); // created, submitted

        var catalog = Json((await _dab.Dab(0, "catalog", "--json")).Out);
        Assert.True(catalog.GetProperty("dataSources").GetArrayLength() > 0);
        Assert.True(catalog.GetProperty("rekCommittees").GetArrayLength() > 0);

        await _dab.Dab(0, "login", "rita");
        var queue = Json((await _dab.Dab(0, "queue", "--all", "--json")).Out);
        Assert.True(queue.GetProperty("tasks").GetArrayLength() >= 2);

        Assert.Equal(0, Json((await _dab.Dab(0, "queue", "--state", "paused", "--json")).Out).GetProperty("tasks").GetArrayLength());

        await _dab.Dab(0, "login", "admin");
        await _dab.Dab(0, "show", first); // read by someone other than its applicant: logged
        var access = Json((await _dab.Dab(0, "audit", "access", first, "--json")).Out);
        var records = access.GetProperty("accessRecords").EnumerateArray().ToList();
        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.Equal("admin", r.GetProperty("actor").GetString()));
    }

    [Fact]
    public async Task The_queue_pages_and_says_how_to_get_the_next_page()
    {
        await _dab.Dab(0, "login", "ada");
        for (var i = 0; i < 3; i++) await AppliedAsync();
        await _dab.Dab(0, "login", "rita");

        var first = Json((await _dab.Dab(0, "queue", "--page-size", "2", "--json")).Out);
        Assert.Equal(2, first.GetProperty("tasks").GetArrayLength());
        var token = first.GetProperty("nextPageToken").GetString()!;
        var second = Json((await _dab.Dab(0, "queue", "--page-size", "2", "--page-token", token, "--json")).Out);
        Assert.DoesNotContain(second.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("name").GetString()),
            first.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("name").GetString()).Contains);

        Assert.Contains("More tasks: add --page-token ", (await _dab.Dab(0, "queue", "--page-size", "1")).Out);
    }

    [Fact]
    public async Task The_queue_filters_by_state_on_the_broker_and_refuses_a_state_no_queue_holds()
    {
        var submitted = await _s.SubmittedAsync(_s.Ada);
        var task = await _s.QueuedTaskAsync(_s.RekVest, submitted.Name, Stage.RekReview);
        await _s.RekVest.Reviews.RequestChangesAsync(new RequestChangesRequest { Name = task.Name, Comment = "Narrow the cohort" });

        var open = await _s.RekVest.Reviews.ListTasksAsync(new ListTasksRequest { PageSize = 100 });
        var waiting = await _s.RekVest.Reviews.ListTasksAsync(new ListTasksRequest
        {
            PageSize = 100, States = { StageTask.Types.State.ChangesRequested, StageTask.Types.State.Paused },
        });

        Assert.DoesNotContain(open.Tasks, t => t.Name == task.Name);
        Assert.Equal(StageTask.Types.State.ChangesRequested, Assert.Single(waiting.Tasks, t => t.Name == task.Name).State);
        Assert.All(waiting.Tasks, t => Assert.NotEqual(StageTask.Types.State.Open, t.State));
        var (code, status) = await FailureOf(() => _s.RekVest.Reviews.ListTasksAsync(
            new ListTasksRequest { States = { StageTask.Types.State.Open, StageTask.Types.State.Approved } }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, code);
        Assert.Equal("states[1]", Assert.Single(FieldViolations(status)).Field);
    }

    [Fact]
    public async Task The_queue_filter_is_also_dab_queue_state()
    {
        await _dab.Dab(0, "login", "ada");
        var id = await AppliedAsync();
        await _dab.Dab(0, "login", "rita");
        await _dab.Dab(0, "request-changes", id, "-m", "Narrow the cohort");

        var queue = Json((await _dab.Dab(0, "queue", "--state", "changes-requested", "--all", "--json")).Out);

        Assert.Contains(queue.GetProperty("tasks").EnumerateArray(), t => t.GetProperty("application").GetString() == $"applications/{id}");
        Assert.DoesNotContain($"applications/{id}", (await _dab.Dab(0, "queue", "--all", "--json")).Out);
    }

    [Theory]
    [InlineData("bash")]
    [InlineData("zsh")]
    [InlineData("fish")]
    public async Task A_completion_script_offers_every_command_and_option(string shell)
    {
        var script = (await _dab.Dab(0, "completion", shell)).Out;

        foreach (var word in new[] { "apply", "queue", "turnaround", "completion", "--overdue", "--page-token", "--update", "changes-requested" })
        {
            Assert.Contains(word, script);
        }

        if (shell == "bash") await AssertBashAcceptsAsync(script);
    }

    [Fact]
    public async Task Bash_completes_a_subcommand_an_option_and_an_options_values()
    {
        var script = _dab.File("dab.bash", (await _dab.Dab(0, "completion", "bash")).Out);
        string Complete(string line, int word) => Bash($"source {script}; COMP_WORDS=({line}); COMP_CWORD={word}; _dab; echo \"${{COMPREPLY[*]}}\"");

        Assert.Equal("turnaround", Complete("dab stats tu", 2));
        Assert.Equal("--overdue", Complete("dab --server http://x queue --ov", 4));
        Assert.Equal("changes-requested open paused", Complete("dab queue --state ''", 3));
    }

    [Fact]
    public async Task Show_tells_a_reviewer_what_they_decide_on_within_the_width_and_without_escapes()
    {
        var summary = string.Join(' ', Enumerable.Repeat("A long summary of the project that a reviewer must read whole.", 8));
        var file = _dab.File("long.yaml", File.ReadAllText(DabSession.ExampleFile())
            .Replace("title: Statin use and colorectal cancer incidence",
                "title: Statin use and colorectal cancer incidence among adults in Norway followed through three national registries for fifteen years")
            .Replace("rek_reference: \"\"", "rek_reference: \"2026/12345\"")
            .Replace("summary: >\n  Registry-based cohort study of whether long-term statin use lowers the incidence of colorectal cancer in adults,\n  linking cancer diagnoses to dispensed prescriptions and hospital contacts.\n",
                $"summary: {summary}\n"));
        await _dab.Dab(0, "login", "ada");
        var id = (await _dab.Dab(0, "apply", file, "--submit", "--quiet")).Out.Trim();

        Environment.SetEnvironmentVariable("NO_COLOR", "1");
        var shown = (await _dab.Dab(0, "show", id)).Out;
        var listed = (await _dab.Dab(0, "list")).Out;
        Environment.SetEnvironmentVariable("NO_COLOR", null);

        foreach (var said in new[]
                 {
                     "project period  2026-01-01 to 2029-12-31", "legal basis     GDPR art. 6(1)(e)", "rek-sor-ost-a, reference 2026/12345",
                     "linkage         the sources' data are linked", "variables: diagnosis_date, icd10, morphology, stage",
                     "cohort: Persons aged 40-80", "Summary", "reviewer must read whole.",
                 })
        {
            Assert.Contains(said, shown);
        }

        Assert.Matches(@"\d{4}-\d\d-\d\d \d\d:\d\d \+0[12]:00", shown); // Oslo time, with its offset
        foreach (var output in new[] { shown, listed })
        {
            Assert.DoesNotContain('\u001b', output);
            Assert.All(output.Split('\n'), line => Assert.True(line.Length <= Screen.RedirectedWidth, $"{line.Length}: {line}"));
        }

        Assert.Contains(id, listed); // an id is never broken across lines
        Assert.Contains("fifteen years", listed); // the long title wraps: nothing cut
    }

    [Fact]
    public void Colour_is_for_terminals_and_never_with_NO_COLOR()
    {
        Assert.True(Screen.ColourWanted(terminal: true, noColor: null));
        Assert.True(Screen.ColourWanted(terminal: true, noColor: ""));
        Assert.False(Screen.ColourWanted(terminal: true, noColor: "1"));
        Assert.False(Screen.ColourWanted(terminal: false, noColor: null));
    }

    public void Dispose() => _dab.Dispose();

    private async Task<string> AppliedAsync() =>
        (await _dab.Dab(0, "apply", DabSession.ExampleFile(), "--submit", "--quiet")).Out.Trim();

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    private static async Task AssertBashAcceptsAsync(string script)
    {
        var file = Path.Combine(Path.GetTempPath(), $"dab-{Guid.NewGuid():N}.bash");
        await File.WriteAllTextAsync(file, script);
        try
        {
            Bash($"bash -n {file}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Runs bash; a non-zero exit fails the test with what bash said.</summary>
    private static string Bash(string command)
    {
        using var bash = Process.Start(new ProcessStartInfo("bash", ["-c", command])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        var output = bash.StandardOutput.ReadToEnd();
        var error = bash.StandardError.ReadToEnd();
        bash.WaitForExit();
        Assert.True(bash.ExitCode == 0, $"bash -c {command}: exit {bash.ExitCode}\n{error}");
        return output.Trim();
    }
}
