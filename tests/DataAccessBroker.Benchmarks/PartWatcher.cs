using System.Collections.Concurrent;
using DataAccessBroker.Contracts.V1;
using Grpc.Core;

namespace DataAccessBroker.Benchmarks;

/// <summary>
/// Finds the parts a peer received, for every client at once: one ListApplications of the peer's newest applications
/// every <see cref="Interval"/> while anyone waits, instead of every waiting client polling the peer on its own.
/// </summary>
public sealed class PartWatcher(NodeUser peerAccessBody) : IAsyncDisposable
{
    public static readonly TimeSpan Interval = FederationBenchmark.PollInterval;

    private readonly ConcurrentDictionary<string, TaskCompletionSource<Application>> _waiting = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private int _looks;

    /// <summary>How many times the watcher listed the peer's applications.</summary>
    public int Looks => _looks;

    /// <summary>The peer's part of the home application, once the peer lists it.</summary>
    public Task<Application> PartOfAsync(string homeApplication)
    {
        _loop ??= Task.Run(WatchAsync);
        return _waiting.GetOrAdd(homeApplication,
            _ => new TaskCompletionSource<Application>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
    }

    private async Task WatchAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            if (!_waiting.IsEmpty)
            {
                ListApplicationsResponse newest;
                Interlocked.Increment(ref _looks);
                try
                {
                    newest = await peerAccessBody.Applications.ListApplicationsAsync(
                    new ListApplicationsRequest { PageSize = 100 }, peerAccessBody.Headers, cancellationToken: _stop.Token);
                }
                catch (RpcException) when (!_stop.IsCancellationRequested)
                {
                    // A failed look is retried at the next interval; the waiting clients time out on their own.
                    await Task.Delay(Interval).ContinueWith(_ => { });
                    continue;
                }

                foreach (var part in newest.Applications)
                {
                    if (_waiting.TryRemove(part.OriginApplication, out var waiter)) waiter.TrySetResult(part);
                }
            }

            await Task.Delay(Interval, _stop.Token).ContinueWith(_ => { });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null) await _loop.ContinueWith(_ => { });
        foreach (var waiter in _waiting.Values) waiter.TrySetCanceled();
        _stop.Dispose();
    }
}
