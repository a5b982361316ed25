using DataAccessBroker.Contracts.V1;
using Google.Rpc;
using Grpc.Core;
using static DataAccessBroker.IntegrationTests.BrokerFixture;

namespace DataAccessBroker.IntegrationTests;

/// <summary>The cast of the README walk-through and the steps they take, over the fixture's gRPC channel.</summary>
public sealed class Scenario(BrokerFixture broker)
{
    public User Ada { get; } = broker.As("ada", "uio", "Applicant");
    public User Bjorn { get; } = broker.As("bjorn", "uib", "Applicant");
    public User RekVest { get; } = broker.As("vera", "rek-vest", "RekReviewer");
    public User RekNord { get; } = broker.As("nora", "rek-nord", "RekReviewer");
    public User RekMidt { get; } = broker.As("mia", "rek-midt", "RekReviewer");
    public User Kreftregisteret { get; } = broker.As("kari", "kreftregisteret", "DataOwner");
    public User Npr { get; } = broker.As("nils", "npr", "DataOwner");
    public User Reseptregisteret { get; } = broker.As("liv", "reseptregisteret", "DataOwner");
    public User Msis { get; } = broker.As("mats", "msis", "DataOwner");
    public User Hds { get; } = broker.As("hanne", "hds", "HdsCaseOfficer");
    public User Analyst { get; } = broker.As("anders", "helseomsorg21", "Analyst");
    public User Admin { get; } = broker.As("admin", "dab", "Admin");

    public IReadOnlyDictionary<string, User> OwnerOf => new Dictionary<string, User>
    {
        ["kreftregisteret"] = Kreftregisteret, ["npr"] = Npr, ["reseptregisteret"] = Reseptregisteret,
    };

    public static Application CompleteApplication(params string[] sources) => new()
    {
        Title = "Statins and colorectal cancer",
        Summary = "Registry-based cohort study of statin use and colorectal cancer incidence.",
        Purpose = Purpose.HealthResearch,
        ProjectPeriod = new ProjectPeriod
        {
            StartDate = new Google.Type.Date { Year = 2026, Month = 1, Day = 1 },
            EndDate = new Google.Type.Date { Year = 2029, Month = 12, Day = 31 },
        },
        PrincipalInvestigator = new PrincipalInvestigator
        {
            Name = "Ada Forsker", Email = "ada@uio.no", Institution = "Universitetet i Oslo",
        },
        RekCommittee = "rek-vest",
        DataSources =
        {
            (sources.Length == 0 ? ["kreftregisteret", "npr", "reseptregisteret"] : sources).Select(s =>
                new DataSourceRequest
                {
                    DataSource = s, Variables = { "diagnosis_date", "icd10" }, CohortCriteria = "Adults 40-80, 2010-2024",
                }),
        },
        LegalBasis = "GDPR art. 6(1)(e) and 9(2)(j); helseregisterloven § 19 a",
        SourcesLinked = true,
    };

    public async Task<Application> SubmittedAsync(User? applicant = null, params string[] sources)
    {
        applicant ??= Ada;
        var created = await applicant.Applications.CreateApplicationAsync(
            new CreateApplicationRequest { Application = CompleteApplication(sources) });
        return (await applicant.Applications.SubmitApplicationAsync(
            new SubmitApplicationRequest { Name = created.Application.Name, Etag = created.Application.Etag })).Application;
    }

    /// <summary>
    /// A quality-improvement application for one source, submitted by Ada: it needs no REK review, so its first task
    /// is the data owner's. Statistics tests build their histories from these.
    /// </summary>
    public async Task<string> SubmittedToDataOwnerAsync(string source)
    {
        var application = CompleteApplication(source);
        (application.Purpose, application.RekCommittee) = (Purpose.QualityImprovement, "");
        var created = await Ada.Applications.CreateApplicationAsync(new CreateApplicationRequest { Application = application });
        return (await Ada.Applications.SubmitApplicationAsync(
            new SubmitApplicationRequest { Name = created.Application.Name })).Application.Name;
    }

    public async Task<Application> GetAsync(string name, User? reader = null) =>
        (await (reader ?? Ada).Applications.GetApplicationAsync(new GetApplicationRequest { Name = name })).Application;

    /// <summary>The open task of the given stage and organisation, as its reviewer sees it in the queue.</summary>
    public async Task<StageTask> QueuedTaskAsync(User reviewer, string application, Stage stage)
    {
        var queue = await reviewer.Reviews.ListTasksAsync(new ListTasksRequest { PageSize = 100 });
        return Assert.Single(queue.Tasks, t => t.Application == application && t.Stage == stage);
    }

    public async Task ApproveRekAsync(string application) =>
        await ApproveAsync(RekVest, await QueuedTaskAsync(RekVest, application, Stage.RekReview));

    public async Task ApproveDataOwnersAsync(string application)
    {
        foreach (var owner in OwnerOf.Values)
        {
            var queue = await owner.Reviews.ListTasksAsync(new ListTasksRequest());
            foreach (var task in queue.Tasks.Where(t => t.Application == application && t.Stage == Stage.DataOwnerReview))
            {
                await ApproveAsync(owner, task);
            }
        }
    }

    public async Task ApproveHdsAsync(string application, string conditions = "") =>
        await ApproveAsync(Hds, await QueuedTaskAsync(Hds, application, Stage.HdsDecision), conditions);

    public async Task DeliverAllAsync(string application)
    {
        foreach (var owner in OwnerOf.Values)
        {
            var queue = await owner.Reviews.ListTasksAsync(new ListTasksRequest());
            foreach (var task in queue.Tasks.Where(t => t.Application == application && t.Stage == Stage.DataDelivery))
            {
                await owner.Reviews.MarkDeliveredAsync(new MarkDeliveredRequest { Name = task.Name, Etag = task.Etag });
            }
        }
    }

    public static async Task<ApproveTaskResponse> ApproveAsync(User reviewer, StageTask task, string conditions = "") =>
        await reviewer.Reviews.ApproveTaskAsync(new ApproveTaskRequest
        {
            Name = task.Name, Etag = task.Etag, Comment = "approved", Conditions = conditions,
        });

    public Task<List<ApplicationEvent>> EventsAsync(string application, User? reader = null) =>
        AllEventsAsync(reader ?? Ada, application);

    /// <summary>The application's whole history, read in small pages so that paging is exercised too.</summary>
    public static async Task<List<ApplicationEvent>> AllEventsAsync(User reader, string application)
    {
        var events = new List<ApplicationEvent>();
        var token = "";
        do
        {
            var page = await reader.Applications.ListApplicationEventsAsync(
                new ListApplicationEventsRequest { Parent = application, PageSize = 5, PageToken = token });
            events.AddRange(page.Events);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        return events;
    }

    /// <summary>Runs the call and returns the status it failed with, with the google.rpc details.</summary>
    public static async Task<(StatusCode Code, Google.Rpc.Status? Details)> FailureOf(Func<Task> call)
    {
        var failure = await Assert.ThrowsAsync<RpcException>(call);
        return (failure.StatusCode, failure.GetRpcStatus());
    }

    public static IReadOnlyList<BadRequest.Types.FieldViolation> FieldViolations(Google.Rpc.Status? status) =>
        status?.GetDetail<BadRequest>()?.FieldViolations.ToList() ?? [];

    /// <summary>Reads until the value is done or the time is up, and returns the last value read.</summary>
    public static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(200);
        }
    }
}
