using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Infrastructure.Persistence;
using Google.Protobuf;
using Grpc.Core;
using Npgsql;
using static DataAccessBroker.IntegrationTests.Scenario;

namespace DataAccessBroker.IntegrationTests;

public sealed class ConcurrencyTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    private readonly Scenario _s = new(broker);

    [Fact]
    public async Task Fifty_parallel_decisions_on_one_task_with_one_etag_let_exactly_one_through()
    {
        var submitted = await _s.SubmittedAsync();
        var task = await _s.QueuedTaskAsync(_s.RekVest, submitted.Name, Stage.RekReview);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            try
            {
                await _s.RekVest.Reviews.ApproveTaskAsync(
                    new ApproveTaskRequest { Name = task.Name, Etag = task.Etag, Comment = $"attempt {i}" });
                return StatusCode.OK;
            }
            catch (RpcException e)
            {
                return e.StatusCode;
            }
        }));

        Assert.Equal(1, outcomes.Count(o => o == StatusCode.OK));
        Assert.Equal(49, outcomes.Count(o => o == StatusCode.Aborted));
        var taskId = task.Name.Split('/')[3];
        Assert.Equal(1, await broker.Database.CountAsync("application_events", $"task_id = '{taskId}'"));
        Assert.Equal(State(Application.Types.State.DataOwnerReview), State((await _s.GetAsync(submitted.Name)).State));
    }

    [Fact]
    public async Task Twenty_concurrent_creates_with_one_request_id_make_one_application_and_identical_responses()
    {
        var applicant = broker.As($"idem-{Guid.NewGuid():N}", "uio", "Applicant");
        var request = new CreateApplicationRequest
        {
            Application = CompleteApplication(), RequestId = Guid.NewGuid().ToString(),
        };

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
            (await applicant.Applications.CreateApplicationAsync(request)).ToByteArray()));

        Assert.All(responses, r => Assert.Equal(responses[0], r));
        var subject = (await applicant.Applications.ListApplicationsAsync(new ListApplicationsRequest())).Applications;
        Assert.Single(subject);
        Assert.Equal(1, await broker.Database.CountAsync("applications", $"owner_subject = '{subject[0].Applicant}'"));
    }

    [Fact]
    public async Task A_request_id_reused_with_a_different_payload_is_refused_and_changes_nothing()
    {
        var request = new CreateApplicationRequest { Application = CompleteApplication(), RequestId = Guid.NewGuid().ToString() };
        await _s.Ada.Applications.CreateApplicationAsync(request);
        var before = await broker.Database.CountAsync("applications");

        var changed = request.Clone();
        changed.Application.Title = "Another title";
        var (code, status) = await FailureOf(() => _s.Ada.Applications.CreateApplicationAsync(changed).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, code);
        Assert.Equal("request_id", Assert.Single(FieldViolations(status)).Field);
        Assert.Equal(before, await broker.Database.CountAsync("applications"));
    }

    [Fact]
    public async Task A_stale_application_etag_is_aborted()
    {
        var created = (await _s.Ada.Applications.CreateApplicationAsync(
            new CreateApplicationRequest { Application = CompleteApplication() })).Application;
        var first = created.Clone();
        first.Title = "First edit";
        await _s.Ada.Applications.UpdateApplicationAsync(new UpdateApplicationRequest { Application = first });

        var second = created.Clone();
        second.Title = "Second edit from a stale copy";
        var (code, status) = await FailureOf(() => _s.Ada.Applications.UpdateApplicationAsync(
            new UpdateApplicationRequest { Application = second }).ResponseAsync);

        Assert.Equal(StatusCode.Aborted, code);
        Assert.Equal("ETAG_MISMATCH", status!.GetDetail<Google.Rpc.ErrorInfo>().Reason);
        Assert.Equal("First edit", (await _s.GetAsync(created.Name)).Title);
    }

    [Fact]
    public async Task Instances_starting_at_once_apply_each_migration_exactly_once()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var runtime = NpgsqlDataSource.Create(database.RuntimeConnectionString);

        // As the owner, each then granting the runtime role (PostgreSQL refuses concurrent grants on one object).
        var runs = await Task.WhenAll(Enumerable.Range(0, 4)
            .Select(_ => new MigrationRunner(runtime, database.ConnectionString).ApplyAsync()));

        Assert.Equal(1, runs.Count(applied => applied.Count > 0));
        Assert.Equal(runs.Max(r => r.Count), await database.CountAsync("schema_migrations"));
        await using var read = runtime.CreateCommand("select count(*) from applications"); // granted to the runtime role
        Assert.Equal(0L, await read.ExecuteScalarAsync());
    }

    private static string State(Application.Types.State state) => state.ToString();
}
