using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Infrastructure.Persistence;
using Hangfire;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Sla;

/// <summary>
/// Schedules one Hangfire job per pending milestone and deletes the jobs of timers that paused, closed or moved.
/// Jobs carry only ids; the job reloads and decides, so a stale job does nothing.
/// </summary>
public sealed class HangfireSlaScheduler(
    IBackgroundJobClient jobs,
    NpgsqlDataSource dataSource,
    SlaTimerRepository timers,
    SlaPolicy policy,
    TimeProvider clock,
    ILogger<HangfireSlaScheduler> logger) : ISlaScheduler
{
    public async Task ScheduleAsync(IReadOnlyCollection<SlaTimer> changed, CancellationToken cancellationToken)
    {
        if (changed.Count == 0) return;
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var previous = await timers.JobIdsAsync(connection, changed.Select(t => t.Id).ToList(), cancellationToken);
            foreach (var timer in changed)
            {
                foreach (var jobId in previous.GetValueOrDefault(timer.Id, [])) jobs.Delete(jobId);
                var scheduled = new List<string>();
                foreach (var milestone in Enum.GetValues<SlaMilestone>())
                {
                    if (timer.DueTime(milestone, policy.Thresholds) is not { } due) continue;
                    var delay = due - clock.GetUtcNow();
                    scheduled.Add(jobs.Schedule<SlaMilestoneJob>(
                        job => job.FireAsync(timer.ApplicationId, timer.Id, milestone, CancellationToken.None),
                        delay > TimeSpan.Zero ? delay : TimeSpan.Zero));
                }

                await timers.SetJobIdsAsync(connection, timer.Id, scheduled.ToArray(), cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The timers table is the truth; the sweeper fires whatever these jobs would have.
            logger.LogWarning(e, "Scheduling SLA jobs failed; the sweeper will fire the milestones instead");
        }
    }
}
