namespace DataAccessBroker.Infrastructure.Sla;

/// <summary>The recurring Hangfire job around <see cref="SlaSweeper"/>.</summary>
public sealed class SlaSweepJob(SlaSweeper sweeper)
{
    public const string RecurringJobId = "sla-sweeper";

    public Task SweepAsync(CancellationToken cancellationToken) => sweeper.SweepAsync(cancellationToken);
}
