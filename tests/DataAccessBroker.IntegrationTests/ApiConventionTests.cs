using DataAccessBroker.Contracts.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using static DataAccessBroker.IntegrationTests.Scenario;

namespace DataAccessBroker.IntegrationTests;

/// <summary>The API behaves the AIP way where the contract says it does: updates, page sizes, etags, order, dates.</summary>
public sealed class ApiConventionTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    private readonly Scenario _s = new(broker);

    [Fact]
    public async Task An_update_without_a_mask_changes_only_the_fields_it_sets()
    {
        var draft = await DraftAsync();

        var updated = (await _s.Ada.Applications.UpdateApplicationAsync(new UpdateApplicationRequest
        {
            Application = new Application { Name = draft.Name, Title = "Statins and colorectal cancer, 2010-2024" },
        })).Application;

        Assert.Equal("Statins and colorectal cancer, 2010-2024", updated.Title);
        Assert.Equal(draft.Summary, updated.Summary);
        Assert.Equal(draft.DataSources, updated.DataSources);
        Assert.Equal(draft.PrincipalInvestigator, updated.PrincipalInvestigator);
        Assert.True(updated.SourcesLinked);
    }

    [Fact]
    public async Task A_star_mask_replaces_the_application_and_a_named_field_may_be_cleared()
    {
        var draft = await DraftAsync();

        var cleared = (await _s.Ada.Applications.UpdateApplicationAsync(new UpdateApplicationRequest
        {
            Application = new Application { Name = draft.Name }, UpdateMask = new FieldMask { Paths = { "sources_linked" } },
        })).Application;
        var replaced = (await _s.Ada.Applications.UpdateApplicationAsync(new UpdateApplicationRequest
        {
            Application = new Application { Name = draft.Name, Title = "Only a title" }, UpdateMask = new FieldMask { Paths = { "*" } },
        })).Application;

        Assert.False(cleared.SourcesLinked);
        Assert.Equal(draft.Summary, cleared.Summary);
        Assert.Equal(("Only a title", "", 0), (replaced.Title, replaced.Summary, replaced.DataSources.Count));
    }

    [Fact]
    public async Task A_page_size_above_the_maximum_is_lowered_to_it()
    {
        // An applicant of their own with more drafts than a page holds.
        var researcher = broker.As("paging", "uio", "Applicant");
        await Task.WhenAll(Enumerable.Range(0, 101).Select(_ => researcher.Applications.CreateApplicationAsync(
            new CreateApplicationRequest { Application = CompleteApplication() }).ResponseAsync));

        var page = await researcher.Applications.ListApplicationsAsync(new ListApplicationsRequest { PageSize = 100_000 });

        Assert.Equal(100, page.Applications.Count);
        Assert.NotEmpty(page.NextPageToken);
        var (code, _) = await FailureOf(() =>
            _s.Ada.Applications.ListApplicationsAsync(new ListApplicationsRequest { PageSize = -1 }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, code);
    }

    [Theory]
    [InlineData("7", StatusCode.InvalidArgument)]
    [InlineData("W/\"1\"", StatusCode.InvalidArgument)]
    [InlineData("\"not-a-version\"", StatusCode.InvalidArgument)]
    [InlineData("\"999\"", StatusCode.Aborted)]
    public async Task A_malformed_etag_is_invalid_argument_and_a_stale_one_aborted(string etag, StatusCode expected)
    {
        var draft = await DraftAsync();

        var (code, status) = await FailureOf(() => _s.Ada.Applications.SubmitApplicationAsync(
            new SubmitApplicationRequest { Name = draft.Name, Etag = etag }).ResponseAsync);

        Assert.Equal(expected, code);
        if (expected == StatusCode.InvalidArgument) Assert.Equal("etag", Assert.Single(FieldViolations(status)).Field);
        Assert.Equal(Application.Types.State.Draft, (await _s.GetAsync(draft.Name)).State);
    }

    [Fact]
    public async Task A_decision_returns_the_applications_new_etag()
    {
        var submitted = await _s.SubmittedAsync();
        var task = await _s.QueuedTaskAsync(_s.RekVest, submitted.Name, Stage.RekReview);

        var approved = await ApproveAsync(_s.RekVest, task);

        var application = await _s.GetAsync(submitted.Name);
        Assert.Equal(application.Etag, approved.ApplicationEtag);
        Assert.NotEqual(submitted.Etag, approved.ApplicationEtag);
        // It is good for a next change: Ada can withdraw with it.
        await _s.Ada.Applications.WithdrawApplicationAsync(
            new WithdrawApplicationRequest { Name = submitted.Name, Etag = approved.ApplicationEtag });
    }

    [Fact]
    public async Task Tasks_come_back_in_the_same_order_when_just_opened_and_when_read_again()
    {
        for (var i = 0; i < 5; i++)
        {
            // No REK: submission opens the three owners' reviews at once, in one millisecond.
            var application = CompleteApplication("reseptregisteret", "kreftregisteret", "npr");
            application.Purpose = Purpose.QualityImprovement;
            application.RekCommittee = "";
            var created = await _s.Ada.Applications.CreateApplicationAsync(new CreateApplicationRequest { Application = application });
            var submitted = (await _s.Ada.Applications.SubmitApplicationAsync(
                new SubmitApplicationRequest { Name = created.Application.Name })).Application;

            var read = await _s.GetAsync(submitted.Name);

            Assert.Equal(["kreftregisteret", "npr", "reseptregisteret"], read.Tasks.Select(t => t.DataSource));
            Assert.Equal(submitted.Tasks.Select(t => t.Name), read.Tasks.Select(t => t.Name));
        }
    }

    [Fact]
    public async Task A_backlog_as_of_today_or_later_is_now()
    {
        var today = DateTime.UtcNow;
        foreach (var day in new[] { today, today.AddDays(1), today.AddYears(1) })
        {
            var backlog = await _s.Analyst.Statistics.GetBacklogAsync(new GetBacklogRequest
            {
                AsOfDate = new Google.Type.Date { Year = day.Year, Month = day.Month, Day = day.Day },
            });

            Assert.InRange(backlog.AsOfTime.ToDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        }
    }

    public static TheoryData<int, int, int> PartlySetDates() => new() { { 0, 5, 0 }, { 0, 0, 12 }, { 0, 5, 12 } };

    [Theory]
    [MemberData(nameof(PartlySetDates))]
    public async Task A_partly_set_date_is_refused(int year, int month, int day)
    {
        var date = new Google.Type.Date { Year = year, Month = month, Day = day };

        var (filterCode, filterStatus) = await FailureOf(() => _s.Analyst.Statistics.GetTurnaroundAsync(
            new GetTurnaroundRequest { Filter = new StatisticsFilter { StartDate = date } }).ResponseAsync);
        var (asOfCode, _) = await FailureOf(() => _s.Analyst.Statistics.GetBacklogAsync(
            new GetBacklogRequest { AsOfDate = date }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, filterCode);
        Assert.Contains(FieldViolations(filterStatus), v => v.Field.EndsWith("start_date", StringComparison.Ordinal));
        Assert.Equal(StatusCode.InvalidArgument, asOfCode);
    }

    private async Task<Application> DraftAsync() =>
        (await _s.Ada.Applications.CreateApplicationAsync(new CreateApplicationRequest { Application = CompleteApplication() })).Application;
}
