using System.Text.Json;
using DataAccessBroker.Cli;

namespace DataAccessBroker.IntegrationTests;

/// <summary>dab's errors: what they say, that each says it once, in the user's words, and the exit code.</summary>
[Collection(DabCollection.Name)]
public sealed class DabErrorTests(BrokerFixture broker) : IClassFixture<BrokerFixture>, IDisposable
{
    private readonly DabSession _dab = new(broker);
    private static readonly string Example = File.ReadAllText(DabSession.ExampleFile());

    [Fact]
    public async Task A_field_error_names_the_key_of_the_file_once_and_exits_4()
    {
        await _dab.Dab(0, "login", "ada");
        var file = _dab.File("application.yaml", Example.Replace("source: npr", "source: no-such-registry"));

        var err = (await _dab.Dab(ExitCodes.InvalidInput, "apply", file)).Err;

        Assert.Contains("  data_sources[1].source: 'no-such-registry' is not a known data source", err);
        Assert.Single(Lines(err), l => l.Contains("no-such-registry"));
        Assert.DoesNotContain("data_source:", err);
        Assert.DoesNotContain("application.", err);
    }

    [Fact]
    public async Task A_flag_is_named_as_typed()
    {
        var id = await SubmittedAsync();

        var err = (await _dab.Dab(ExitCodes.InvalidInput, "reject", id, "-m", "   ")).Err;

        Assert.Contains("  -m: is required", err);
        Assert.DoesNotContain("comment", err);
    }

    [Fact]
    public async Task A_submission_that_lacks_fields_exits_4_and_names_the_draft_it_saved()
    {
        await _dab.Dab(0, "login", "ada");
        var file = _dab.File("draft.yaml", "title: Half an application\ndata_sources:\n  - source: npr\n");

        var (output, err) = await _dab.Dab(ExitCodes.InvalidInput, "apply", file, "--submit", "--quiet");

        Assert.Equal("", output); // a script gets no id of an application that was not submitted
        Assert.Contains("the application is not complete", err);
        Assert.Contains("  data_sources[0].cohort: the cohort criteria is required before submission", err);
        Assert.Contains("  project_period: ", err);
        var draft = System.Text.RegularExpressions.Regex.Match(err, "Draft ([0-9a-f-]{36}) was saved but not submitted").Groups[1].Value;
        Assert.Contains($"dab apply {file} --update {draft} --submit", err);
        Assert.Matches(@"state +draft", (await _dab.Dab(0, "show", draft)).Out);
    }

    [Theory]
    [InlineData("application.yaml", "title: [unclosed\n", "line 1, column")]
    [InlineData("application.yaml", "title: A\n  summary: wrongly indented: here\n", "line 2, column")]
    [InlineData("application.yaml", "titel: Statins\n", "unknown key 'titel'; the keys here are title, summary")]
    [InlineData("application.json", "{\n  \"title\": \"Statins\",\n  \"summary\": oops\n}", "line 3, column 14")]
    [InlineData("application.json", "{ \"titel\": \"x\" }", "unknown key 'titel'")]
    [InlineData("application.yaml", "", "holds no application")]
    [InlineData("application.yaml", "{}\n", "holds no application")]
    [InlineData("application.json", "{}", "holds no application")]
    public async Task A_file_that_cannot_be_read_is_refused_in_plain_words_with_where(string name, string text, string said)
    {
        await _dab.Dab(0, "login", "ada");
        var file = _dab.File(name, text);

        var err = (await _dab.Dab(ExitCodes.Usage, "apply", file)).Err;

        Assert.Contains(file, err);
        Assert.Contains(said, err);
        Assert.DoesNotContain("Exception", err);
        Assert.DoesNotContain("LineNumber", err);
    }

    [Fact]
    public async Task Cannot_reach_names_the_address_tried()
    {
        var address = $"http://127.0.0.1:{BrokerFixture.FreePort()}";

        var err = (await _dab.Dab(ExitCodes.Unreachable, "list", "--server", address)).Err;

        Assert.Contains($"cannot reach the broker at {address}", err);
    }

    [Fact]
    public async Task The_catalog_is_read_before_login()
    {
        var dab = new DabSession(broker); // a session file that was never written: nobody signed in
        Assert.Contains("kreftregisteret", (await dab.Dab(0, "catalog")).Out);
        Assert.Contains("not signed in", (await dab.Dab(ExitCodes.NotSignedIn, "list")).Err);
    }

    [Fact]
    public async Task Under_json_an_error_is_one_JSON_object_on_stderr()
    {
        await _dab.Dab(0, "login", "ada");
        var file = _dab.File("application.yaml", Example.Replace("source: npr", "source: no-such-registry"));

        var (output, err) = await _dab.Dab(ExitCodes.InvalidInput, "apply", file, "--json");

        Assert.Equal("", output);
        var error = JsonDocument.Parse(err).RootElement.GetProperty("error");
        Assert.Equal("INVALID_ARGUMENT", error.GetProperty("code").GetString());
        Assert.Equal(ExitCodes.InvalidInput, error.GetProperty("exit_code").GetInt32());
        var violation = Assert.Single(error.GetProperty("field_violations").EnumerateArray());
        Assert.Equal("data_sources[1].source", violation.GetProperty("field").GetString());

        var usage = JsonDocument.Parse((await _dab.Dab(ExitCodes.Usage, "show", "not-an-id", "--json")).Err).RootElement;
        Assert.Equal("USAGE", usage.GetProperty("error").GetProperty("code").GetString());
        var parse = JsonDocument.Parse((await _dab.Dab(ExitCodes.Usage, "queue", "--state", "done", "--json")).Err).RootElement;
        Assert.Equal(ExitCodes.Usage, parse.GetProperty("error").GetProperty("exit_code").GetInt32());
    }

    public void Dispose() => _dab.Dispose();

    private async Task<string> SubmittedAsync()
    {
        await _dab.Dab(0, "login", "ada");
        var id = (await _dab.Dab(0, "apply", DabSession.ExampleFile(), "--submit", "--quiet")).Out.Trim();
        await _dab.Dab(0, "login", "rita");
        return id;
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
