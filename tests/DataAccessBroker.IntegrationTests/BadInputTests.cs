using DataAccessBroker.Contracts.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using static DataAccessBroker.IntegrationTests.Scenario;

namespace DataAccessBroker.IntegrationTests;

/// <summary>Bad input answers the right status with field violations, and writes nothing.</summary>
public sealed class BadInputTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    private readonly Scenario _s = new(broker);

    public static TheoryData<string, string> MalformedApplications() => new()
    {
        { "title-too-long", "application.title" },
        { "unknown-source", "application.data_sources[0].data_source" },
        { "unknown-committee", "application.rek_committee" },
        { "bad-email", "application.principal_investigator.email" },
        { "bad-date", "application.project_period.end_date" },
        { "duplicate-source", "application.data_sources[1].data_source" },
        { "too-long-variable", "application.data_sources[0].variables[0]" },
    };

    [Theory]
    [MemberData(nameof(MalformedApplications))]
    public async Task A_malformed_application_is_invalid_argument_naming_the_field_and_nothing_is_written(
        string defect, string field)
    {
        var application = CompleteApplication("kreftregisteret");
        switch (defect)
        {
            case "title-too-long": application.Title = new string('t', 201); break;
            case "unknown-source": application.DataSources[0].DataSource = "no-such-registry"; break;
            case "unknown-committee": application.RekCommittee = "rek-atlantis"; break;
            case "bad-email": application.PrincipalInvestigator.Email = "ada-at-uio"; break;
            case "bad-date": application.ProjectPeriod.EndDate = new Google.Type.Date { Year = 2027, Month = 2, Day = 30 }; break;
            case "duplicate-source": application.DataSources.Add(application.DataSources[0].Clone()); break;
            case "too-long-variable": application.DataSources[0].Variables[0] = new string('v', 101); break;
        }

        var before = await broker.Database.CountAsync("applications");
        var (code, status) = await FailureOf(() => _s.Ada.Applications.CreateApplicationAsync(
            new CreateApplicationRequest { Application = application }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, code);
        Assert.Contains(FieldViolations(status), v => v.Field == field && v.Description.Length > 0);
        Assert.Equal(before, await broker.Database.CountAsync("applications"));
    }

    [Fact]
    public async Task A_missing_application_is_invalid_argument()
    {
        var (code, status) = await FailureOf(() =>
            _s.Ada.Applications.CreateApplicationAsync(new CreateApplicationRequest()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, code);
        Assert.Equal("application", Assert.Single(FieldViolations(status)).Field);
    }

    [Fact]
    public async Task Submitting_an_incomplete_draft_names_every_missing_field_and_changes_nothing()
    {
        var draft = (await _s.Ada.Applications.CreateApplicationAsync(new CreateApplicationRequest
        {
            Application = new Application { Title = "Only a title", Purpose = Purpose.HealthResearch },
        })).Application;

        var (code, status) = await FailureOf(() =>
            _s.Ada.Applications.SubmitApplicationAsync(new SubmitApplicationRequest { Name = draft.Name }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, code);
        var missing = status!.GetDetail<Google.Rpc.PreconditionFailure>().Violations.Select(v => v.Subject).ToList();
        Assert.Contains("data_sources", missing);
        Assert.Contains("rek_committee", missing);
        Assert.Equal(draft.Etag, (await _s.GetAsync(draft.Name)).Etag);
    }

    [Fact]
    public async Task A_forged_page_token_is_refused()
    {
        var (code, status) = await FailureOf(() => _s.Ada.Applications.ListApplicationsAsync(
            new ListApplicationsRequest { PageToken = "not-a-token" }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, code);
        Assert.Equal("page_token", Assert.Single(FieldViolations(status)).Field);
    }

    [Fact]
    public async Task A_message_over_the_size_limit_is_refused_and_nothing_is_written()
    {
        var application = CompleteApplication();
        application.Summary = new string('s', 5 * 1024 * 1024);
        var before = await broker.Database.CountAsync("applications");

        var (code, _) = await FailureOf(() => _s.Ada.Applications.CreateApplicationAsync(
            new CreateApplicationRequest { Application = application }).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, code);
        Assert.Equal(before, await broker.Database.CountAsync("applications"));
    }

    [Theory]
    [InlineData("title", "application.title")]
    [InlineData("variable", "application.data_sources[0].variables[1]")]
    [InlineData("investigator", "application.principal_investigator.name")]
    public async Task Text_with_a_NUL_is_invalid_argument_naming_the_field_and_nothing_is_written(string where, string field)
    {
        var application = CompleteApplication("kreftregisteret");
        switch (where)
        {
            case "title": application.Title = "Statins\0"; break;
            case "variable": application.DataSources[0].Variables[1] = "icd\u000010"; break;
            case "investigator": application.PrincipalInvestigator.Name = "\0"; break;
        }

        var before = await broker.Database.CountAsync("applications");
        var (code, status) = await FailureOf(() => _s.Ada.Applications.CreateApplicationAsync(
            new CreateApplicationRequest { Application = application }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, code);
        Assert.Equal(field, Assert.Single(FieldViolations(status)).Field);
        Assert.Equal(before, await broker.Database.CountAsync("applications"));
    }

    [Fact]
    public async Task A_NUL_in_a_reviewers_reason_is_refused_and_the_task_stays_open()
    {
        var task = (await _s.SubmittedAsync(sources: "kreftregisteret")).Tasks[0];

        var (code, status) = await FailureOf(() => _s.RekVest.Reviews.RejectTaskAsync(
            new RejectTaskRequest { Name = task.Name, Comment = "no\0basis" }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, code);
        Assert.Equal("comment", Assert.Single(FieldViolations(status)).Field);
        Assert.Equal(StageTask.Types.State.Open, (await _s.GetAsync(task.Application)).Tasks[0].State);
    }

    public static TheoryData<string> UndecodableRequests() => ["not-utf8", "truncated", "garbage"];

    [Theory]
    [MemberData(nameof(UndecodableRequests))]
    public async Task A_request_that_does_not_decode_is_invalid_argument_and_nothing_is_written(string defect)
    {
        var request = new CreateApplicationRequest { Application = CompleteApplication("kreftregisteret") };
        request.Application.Title = "~~~~";
        var bytes = request.ToByteArray();
        switch (defect)
        {
            case "not-utf8":
                var at = bytes.AsSpan().IndexOf("~~~~"u8);
                (bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]) = (0xC3, 0x28, 0xFF, 0xFE);
                break;
            case "truncated":
                bytes = bytes[..(bytes.Length / 2)];
                break;
            case "garbage":
                bytes = Enumerable.Repeat((byte)0xFF, 4096).ToArray();
                break;
        }

        var method = new Method<byte[], CreateApplicationResponse>(MethodType.Unary, "dataaccess.v1.ApplicationService",
            "CreateApplication", Marshallers.Create(b => b, b => b),
            Marshallers.Create(r => r.ToByteArray(), CreateApplicationResponse.Parser.ParseFrom));
        var before = await broker.Database.CountAsync("applications");

        var (code, status) = await FailureOf(() => broker.Invoker(broker.TokenFor("ada", "uio", "Applicant"))
            .AsyncUnaryCall(method, null, new CallOptions(), bytes).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, code);
        Assert.Equal("MALFORMED_REQUEST", status?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason);
        Assert.Equal(before, await broker.Database.CountAsync("applications"));
    }

    [Theory]
    [InlineData("applications")]
    [InlineData("applications/not-a-uuid")]
    [InlineData("tasks/123")]
    public async Task A_malformed_name_is_invalid_argument(string name)
    {
        var (code, status) = await FailureOf(() =>
            _s.Ada.Applications.GetApplicationAsync(new GetApplicationRequest { Name = name }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, code);
        Assert.Equal("name", Assert.Single(FieldViolations(status)).Field);
    }

    [Fact]
    public async Task Rejecting_without_a_reason_is_refused_and_the_task_stays_open()
    {
        var submitted = await _s.SubmittedAsync();
        var task = await _s.QueuedTaskAsync(_s.RekVest, submitted.Name, Stage.RekReview);

        var (code, status) = await FailureOf(() => _s.RekVest.Reviews.RejectTaskAsync(
            new RejectTaskRequest { Name = task.Name, Etag = task.Etag, Comment = "   " }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, code);
        Assert.Equal("comment", Assert.Single(FieldViolations(status)).Field);
        Assert.Equal(task.Etag, (await _s.QueuedTaskAsync(_s.RekVest, submitted.Name, Stage.RekReview)).Etag);
    }

    [Theory]
    [InlineData("state")]
    [InlineData("tasks")]
    [InlineData("applicant")]
    public async Task Output_only_fields_cannot_be_updated(string path)
    {
        var draft = (await _s.Ada.Applications.CreateApplicationAsync(
            new CreateApplicationRequest { Application = CompleteApplication() })).Application;
        var change = draft.Clone();
        change.State = Application.Types.State.Delivered;

        var (code, status) = await FailureOf(() => _s.Ada.Applications.UpdateApplicationAsync(new UpdateApplicationRequest
        {
            Application = change, UpdateMask = new FieldMask { Paths = { path } },
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, code);
        Assert.Equal("update_mask", Assert.Single(FieldViolations(status)).Field);
        Assert.Equal(Application.Types.State.Draft, (await _s.GetAsync(draft.Name)).State);
    }

    [Fact]
    public async Task Output_only_fields_sent_on_create_are_ignored()
    {
        var application = CompleteApplication();
        application.State = Application.Types.State.Delivered;
        application.Applicant = "someone-else";

        var created = (await _s.Ada.Applications.CreateApplicationAsync(
            new CreateApplicationRequest { Application = application })).Application;

        Assert.Equal((Application.Types.State.Draft, "ada"), (created.State, created.Applicant));
    }

    [Fact]
    public async Task Catalog_entries_are_validated_and_codes_are_unique()
    {
        var (code, status) = await FailureOf(() => _s.Admin.Catalog.CreateDataSourceAsync(new CreateDataSourceRequest
        {
            DataSource = new DataSource { Code = "Bad Code", DisplayName = "", OwnerName = "FHI", Organisation = "fhi" },
        }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, code);
        Assert.Equal(["data_source.code", "data_source.display_name"], FieldViolations(status).Select(v => v.Field));

        var duplicate = await FailureOf(() => _s.Admin.Catalog.CreateDataSourceAsync(new CreateDataSourceRequest
        {
            DataSource = new DataSource { Code = "npr", DisplayName = "NPR again", OwnerName = "Hdir", Organisation = "npr" },
        }).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, duplicate.Code);
    }
}
