using System.Diagnostics;
using DataAccessBroker.Contracts.V1;
using Grpc.Core;

namespace DataAccessBroker.Benchmarks;

/// <summary>
/// Takes one application from creation to delivery, each step as the body that owns it: create and submit (ada),
/// REK (rita), the data-owner reviews (kari, nils), the HDS decision with conditions (hanne), the deliveries (kari,
/// nils). Task names and etags come from the answers, never from the reviewers' queues, so the run measures the
/// transitions and not queue listing.
/// </summary>
public sealed class ApplicationRun(BrokerStubs broker, Cast cast, ClientRecorder recorder, PhaseClock clock)
{
    /// <summary>Every call gets a deadline, so a hung broker ends the run instead of hanging it.</summary>
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    private const string HdsConditions = "Analysis only inside TSD; publish groups of 5 or more";

    /// <summary>Runs the application through; false when a call failed or the time ran out on the way.</summary>
    public async Task<bool> RunAsync()
    {
        try
        {
            await RunStepsAsync();
            recorder.ApplicationDelivered();
            return true;
        }
        catch (ApplicationAbandoned)
        {
            return false;
        }
    }

    private async Task RunStepsAsync()
    {
        var created = await CallAsync(RpcKind.Create, cast.Applicant, o => broker.Applications.CreateApplicationAsync(
            new CreateApplicationRequest { Application = ApplicationTemplate.Complete() }, o));
        var name = created.Application.Name;

        var submitted = await CallAsync(RpcKind.Submit, cast.Applicant, o => broker.Applications.SubmitApplicationAsync(
            new SubmitApplicationRequest { Name = name, Etag = created.Application.Etag }, o));
        foreach (var task in OpenTasks(RpcKind.ApproveRek, submitted.Application, Stage.RekReview, expected: 1))
        {
            await ApproveAsync(RpcKind.ApproveRek, cast.RekCommittee, task);
        }

        foreach (var task in OpenTasks(RpcKind.ApproveOwner, await GetAsync(name), Stage.DataOwnerReview, expected: 2))
        {
            await ApproveAsync(RpcKind.ApproveOwner, OwnerOf(task), task);
        }

        foreach (var task in OpenTasks(RpcKind.ApproveHds, await GetAsync(name), Stage.HdsDecision, expected: 1))
        {
            await ApproveAsync(RpcKind.ApproveHds, cast.Hds, task, HdsConditions);
        }

        foreach (var task in OpenTasks(RpcKind.Deliver, await GetAsync(name), Stage.DataDelivery, expected: 2))
        {
            await CallAsync(RpcKind.Deliver, OwnerOf(task), o => broker.Reviews.MarkDeliveredAsync(
                new MarkDeliveredRequest { Name = task.Name, Etag = task.Etag, Comment = "Delivered to TSD p1234" }, o));
        }
    }

    private Task<ApproveTaskResponse> ApproveAsync(RpcKind kind, Metadata reviewer, StageTask task, string conditions = "") =>
        CallAsync(kind, reviewer, o => broker.Reviews.ApproveTaskAsync(new ApproveTaskRequest
        {
            Name = task.Name, Etag = task.Etag, Comment = "Approved", Conditions = conditions,
        }, o));

    private async Task<Application> GetAsync(string name) =>
        (await CallAsync(RpcKind.Get, cast.Applicant, o => broker.Applications.GetApplicationAsync(
            new GetApplicationRequest { Name = name }, o))).Application;

    /// <summary>
    /// The open tasks of the stage the application should now be in. Anything else means the workflow took a turn the
    /// benchmark does not expect; that is counted as an error of the step that needed the tasks.
    /// </summary>
    private List<StageTask> OpenTasks(RpcKind nextStep, Application application, Stage stage, int expected)
    {
        var tasks = application.Tasks.Where(t => t.Stage == stage && t.State == StageTask.Types.State.Open).ToList();
        if (tasks.Count == expected) return tasks;

        recorder.Failed(nextStep, "UnexpectedTasks",
            $"{application.Name} in {application.State}: {tasks.Count} open {stage} tasks, expected {expected}");
        throw new ApplicationAbandoned();
    }

    private Metadata OwnerOf(StageTask task)
    {
        if (cast.DataOwners.TryGetValue(task.DataSource, out var owner)) return owner;
        recorder.Failed(RpcKind.ApproveOwner, "UnexpectedTasks", $"{task.Name}: no owner for data source {task.DataSource}");
        throw new ApplicationAbandoned();
    }

    private async Task<T> CallAsync<T>(RpcKind kind, Metadata caller, Func<CallOptions, AsyncUnaryCall<T>> call)
    {
        // Once the measured window has closed, the rest of the application would not count: stop here.
        if (clock.Now == Phase.Over) throw new ApplicationAbandoned();

        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await call(new CallOptions(caller, DateTime.UtcNow + CallTimeout));
            recorder.Succeeded(kind, Stopwatch.GetElapsedTime(started));
            return response;
        }
        catch (RpcException e)
        {
            recorder.Failed(kind, e.StatusCode.ToString(), RpcFailure.Describe(e));
            throw new ApplicationAbandoned();
        }
    }

    /// <summary>Ends this application's run; the client goes on with a new application.</summary>
    private sealed class ApplicationAbandoned : Exception;
}
