using DataAccessBroker.Infrastructure.Persistence;
using DataAccessBroker.Infrastructure.Processes;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Federation;

/// <summary>
/// Mirrors each peer's catalog every <see cref="FederationOptions.CatalogRefresh"/>. A peer that does not answer keeps
/// its last copy, which turns stale after <see cref="FederationOptions.CatalogStaleAfter"/>; its failure is recorded
/// for the admin and does not make this node unready (a peer's outage is not this node's). After a pass in which a
/// peer did not answer (one that starts beside this node, say), the next comes sooner: 2, 4, 8 … seconds, up to the
/// refresh interval.
/// </summary>
public sealed class CatalogMirrorProcess(
    NpgsqlDataSource dataSource,
    CatalogRepository catalogs,
    INodeTransport transport,
    FederationOptions federation,
    TimeProvider clock,
    ProcessHealth health,
    ILogger<CatalogMirrorProcess> logger) : PollingProcess(health, logger)
{
    public const string ProcessName = "catalog-mirror";

    public override string Name => ProcessName;

    public override TimeSpan Interval => federation.CatalogRefresh;

    /// <summary>Passes in a row in which some peer did not answer.</summary>
    private int _failingPasses;

    protected override void Pause(Hangfire.Server.BackgroundProcessContext context) =>
        context.Wait(_failingPasses == 0 ? Interval : RetryAfter(_failingPasses, Interval));

    private static TimeSpan RetryAfter(int failingPasses, TimeSpan refresh) =>
        TimeSpan.FromSeconds(Math.Min(refresh.TotalSeconds, Math.Pow(2, Math.Min(failingPasses, 16))));

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        var anyFailed = false;
        foreach (var peer in federation.Peers)
        {
            string? error = null;
            try
            {
                var sources = await transport.FetchCatalogAsync(peer, cancellationToken);
                foreach (var clash in await catalogs.ReplaceMirrorAsync(peer.Code, sources, cancellationToken))
                {
                    logger.LogWarning("{Peer} lists data source {Code}, which another node holds here; left out", peer.Code, clash);
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                error = $"catalog: {e.Message}";
                anyFailed = true;
                logger.LogWarning("Mirroring the catalog of {Peer} failed: {Error}", peer.Code, e.Message);
            }

            await using var command = dataSource.CreateCommand(FederationDispatcher.PeerStatusUpsert);
            var now = clock.GetStoredUtcNow();
            command.Parameters.AddValues(new[] { peer.Code }, new DateTimeOffset?[] { error is null ? now : null },
                new DateTimeOffset?[] { error is null ? null : now }, new[] { error });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        _failingPasses = anyFailed ? _failingPasses + 1 : 0;
    }
}
