using DataAccessBroker.Infrastructure.Persistence;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Sla;

/// <summary>
/// The safety net under the scheduled jobs: fires every milestone that is due and not yet fired, straight from the
/// timers table. Covers a crash between commit and scheduling, a broker that was down, and a lost or deleted job.
/// </summary>
public sealed class SlaSweeper(
    NpgsqlDataSource dataSource, SlaTimerRepository timers, SlaFiringService firing, TimeProvider clock)
{
    private const int BatchSize = 500;

    /// <returns>How many milestones this sweep recorded.</returns>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var recorded = 0;
        while (true)
        {
            List<(Guid ApplicationId, Guid TimerId, Domain.Sla.SlaMilestone Milestone)> due;
            await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
            {
                due = await timers.DueAsync(connection, clock.GetUtcNow(), BatchSize, cancellationToken);
            }

            var progress = 0;
            foreach (var (applicationId, timerId, milestone) in due)
            {
                if (await firing.FireIfDueAsync(applicationId, timerId, milestone, cancellationToken)) progress++;
            }

            recorded += progress;
            // Another instance may be firing the same rows; stop when a batch brought nothing new.
            if (due.Count < BatchSize || progress == 0) return recorded;
        }
    }
}
