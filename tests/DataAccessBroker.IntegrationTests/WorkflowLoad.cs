using System.Collections.Concurrent;
using System.Diagnostics;
using DataAccessBroker.Contracts.V1;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using static DataAccessBroker.IntegrationTests.Scenario;

namespace DataAccessBroker.IntegrationTests;

/// <summary>
/// Write load on a broker process: workers that create, submit and have REK approve applications one after another,
/// every call's latency and status recorded, and every acknowledged write remembered so a test can check none was lost.
/// </summary>
public sealed class WorkflowLoad(BrokerProcess broker) : IDisposable
{
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(broker.GrpcAddress);

    public ConcurrentQueue<Call> Calls { get; } = new();

    /// <summary>Applications whose creation the broker acknowledged.</summary>
    public ConcurrentQueue<string> Created { get; } = new();

    /// <summary>REK tasks whose approval the broker acknowledged.</summary>
    public ConcurrentQueue<string> Approved { get; } = new();

    public Task RunAsync(int workers, CancellationToken stop)
    {
        var applicant = Client(broker.TokenFor("ada", "uio", "Applicant"));
        var reviewer = Client(broker.TokenFor("vera", "rek-vest", "RekReviewer"));
        return Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var created = await TimedAsync("Create", () => applicant.Applications.CreateApplicationAsync(
                        new CreateApplicationRequest { Application = CompleteApplication("npr") }, deadline: Deadline()).ResponseAsync);
                    Created.Enqueue(created.Application.Name);
                    var submitted = await TimedAsync("Submit", () => applicant.Applications.SubmitApplicationAsync(
                        new SubmitApplicationRequest { Name = created.Application.Name }, deadline: Deadline()).ResponseAsync);
                    var task = submitted.Application.Tasks.Single();
                    await TimedAsync("Approve", () => reviewer.Reviews.ApproveTaskAsync(
                        new ApproveTaskRequest { Name = task.Name }, deadline: Deadline()).ResponseAsync);
                    Approved.Enqueue(task.Name);
                }
                catch (RpcException)
                {
                    // Recorded by TimedAsync; a failing broker is not hammered in a tight loop.
                    await Task.Delay(100, CancellationToken.None);
                }
            }
        }, CancellationToken.None)));
    }

    public void Dispose() => _channel.Dispose();

    private async Task<T> TimedAsync<T>(string kind, Func<Task<T>> call)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        try
        {
            var result = await call();
            Calls.Enqueue(new Call(kind, clock.Elapsed, StatusCode.OK, started));
            return result;
        }
        catch (RpcException e)
        {
            Calls.Enqueue(new Call(kind, clock.Elapsed, e.StatusCode, started));
            throw;
        }
    }

    private static DateTime Deadline() => DateTime.UtcNow.AddSeconds(30);

    private BrokerFixture.User Client(string token) =>
        new(_channel.Intercept(metadata =>
        {
            metadata.Add("Authorization", $"Bearer {token}");
            return metadata;
        }));

    public sealed record Call(string Kind, TimeSpan Latency, StatusCode Code, DateTimeOffset Started);
}
