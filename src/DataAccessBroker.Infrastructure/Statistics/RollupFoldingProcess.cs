using DataAccessBroker.Infrastructure.Processes;
using Microsoft.Extensions.Logging;

namespace DataAccessBroker.Infrastructure.Statistics;

/// <summary>
/// Folds pending statistics deltas into the rollups once a second, and at once again while a pass found a full
/// batch: under steady load that is one fold a second whatever the rate of transitions.
/// </summary>
public sealed class RollupFoldingProcess(RollupFolder folder, ProcessHealth health, ILogger<RollupFoldingProcess> logger)
    : PollingProcess(health, logger)
{
    public const string ProcessName = "statistics-folding";

    public override string Name => ProcessName;

    public override TimeSpan Interval => TimeSpan.FromSeconds(1);

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        while (await folder.FoldAsync(cancellationToken) >= RollupFolder.BatchSize)
        {
        }
    }
}
