using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using DataAccessBroker.Contracts.V1;
using Grpc.Core;

namespace DataAccessBroker.Benchmarks;

/// <summary>
/// Drives cross-border applications through three nodes, a fixed number of them at a time, from submission at home to
/// delivery by every node, and measures how long the applicant's side waits on messages between nodes: from REK's
/// approval at home until both peers list their parts, from the peers' last decision until home reaches its own HDS
/// decision, from the last delivery until home is Delivered. The client sees these through polling (every
/// <see cref="PollInterval"/>; those reads load the nodes too, and are counted); infra/federation-benchmark.sh adds
/// the exact figures from the nodes' outboxes and inboxes.
/// </summary>
public static class FederationBenchmark
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MessageDeadline = TimeSpan.FromSeconds(60);

    public static async Task<FederationResults> RunAsync(FederationBenchOptions options, TextWriter progress)
    {
        using var cast = await FederationCast.SignInAsync(options);
        await using var danish = new PartWatcher(cast.Mads);
        await using var finnish = new PartWatcher(cast.Eero);
        var runs = new ConcurrentBag<CrossBorderRun>();
        var errors = new ConcurrentBag<string>();
        var started = 0;
        var waitingReads = new StrongBox<int>();

        progress.WriteLine($"{options.Applications} cross-border applications, {options.Concurrency} at a time…");
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref started) <= options.Applications)
            {
                try
                {
                    runs.Add(await RunOneAsync(cast, danish, finnish, waitingReads));
                }
                catch (Exception e) when (e is RpcException or TimeoutException or InvalidOperationException)
                {
                    errors.Add(e is RpcException rpc ? $"{rpc.StatusCode}: {rpc.Status.Detail}" : e.Message);
                }
            }
        })));

        return new FederationResults(options, clock.Elapsed, [.. runs], [.. errors], waitingReads.Value + danish.Looks + finnish.Looks);
    }

    private static async Task<CrossBorderRun> RunOneAsync(
        FederationCast cast, PartWatcher danish, PartWatcher finnish, StrongBox<int> waitingReads)
    {
        var start = Stopwatch.GetTimestamp();
        var created = await cast.Ada.Applications.CreateApplicationAsync(
            new CreateApplicationRequest { Application = CrossBorderTemplate.Complete() }, cast.Ada.Headers);
        var home = created.Application.Name;
        await cast.Ada.Applications.SubmitApplicationAsync(
            new SubmitApplicationRequest { Name = home, Etag = created.Application.Etag }, cast.Ada.Headers);
        await ApproveAsync(cast.Rita, home, Stage.RekReview);

        // REK's approval forwards both parts.
        var forwarded = Stopwatch.GetTimestamp();
        var parts = await WithinDeadline(Task.WhenAll(danish.PartOfAsync(home), finnish.PartOfAsync(home)), "parts forwarded");
        var forwardSeen = Stopwatch.GetElapsedTime(forwarded);

        await ApproveAsync(cast.Kari, home, Stage.DataOwnerReview);
        await Task.WhenAll(PeerDecidesAsync(cast.Sofie, cast.Mads, parts[0].Name), PeerDecidesAsync(cast.Aino, cast.Eero, parts[1].Name));
        var decided = Stopwatch.GetTimestamp();
        await UntilAsync(cast.Ada, home, Application.Types.State.HdsDecision, waitingReads);
        var decisionSeen = Stopwatch.GetElapsedTime(decided);

        await ApproveAsync(cast.Hanne, home, Stage.HdsDecision, "TSD only.");
        await Task.WhenAll(DeliverAsync(cast.Kari, home), DeliverAsync(cast.Sofie, parts[0].Name), DeliverAsync(cast.Aino, parts[1].Name));
        var delivered = Stopwatch.GetTimestamp();
        await UntilAsync(cast.Ada, home, Application.Types.State.Delivered, waitingReads);
        var deliverySeen = Stopwatch.GetElapsedTime(delivered);

        return new CrossBorderRun(Stopwatch.GetElapsedTime(start), forwardSeen, decisionSeen, deliverySeen);
    }

    private static async Task PeerDecidesAsync(NodeUser owner, NodeUser accessBody, string part)
    {
        await ApproveAsync(owner, part, Stage.DataOwnerReview);
        await ApproveAsync(accessBody, part, Stage.HdsDecision, "Results leave the country as aggregates only.");
    }

    private static async Task ApproveAsync(NodeUser reviewer, string application, Stage stage, string conditions = "")
    {
        var task = await OpenTaskAsync(reviewer, application, stage);
        await reviewer.Reviews.ApproveTaskAsync(
            new ApproveTaskRequest { Name = task.Name, Etag = task.Etag, Conditions = conditions }, reviewer.Headers);
    }

    private static async Task DeliverAsync(NodeUser owner, string application)
    {
        var task = await OpenTaskAsync(owner, application, Stage.DataDelivery);
        await owner.Reviews.MarkDeliveredAsync(new MarkDeliveredRequest { Name = task.Name, Etag = task.Etag }, owner.Headers);
    }

    /// <summary>The open task of the stage decided at this node (not a peer assessment or peer delivery).</summary>
    private static async Task<StageTask> OpenTaskAsync(NodeUser reviewer, string application, Stage stage)
    {
        var seen = (await reviewer.Applications.GetApplicationAsync(
            new GetApplicationRequest { Name = application }, reviewer.Headers)).Application;
        return seen.Tasks.FirstOrDefault(t => t.Stage == stage && t.State == StageTask.Types.State.Open && t.Node.Length == 0)
            ?? throw new InvalidOperationException($"{application}: no open {stage} task for this reviewer (state {seen.State})");
    }

    private static async Task UntilAsync(
        NodeUser reader, string application, Application.Types.State state, StrongBox<int> reads)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(MessageDeadline.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            Interlocked.Increment(ref reads.Value);
            var seen = (await reader.Applications.GetApplicationAsync(
                new GetApplicationRequest { Name = application }, reader.Headers)).Application;
            if (seen.State == state) return;
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"{application} still {seen.State} after {MessageDeadline.TotalSeconds} s, not {state}");
            }

            await Task.Delay(PollInterval);
        }
    }

    private static async Task<T> WithinDeadline<T>(Task<T> task, string what)
    {
        var finished = await Task.WhenAny(task, Task.Delay(MessageDeadline));
        return finished == task ? await task : throw new TimeoutException($"{what}: not within {MessageDeadline.TotalSeconds} s");
    }
}
