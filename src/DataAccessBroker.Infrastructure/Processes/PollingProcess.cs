using Hangfire.Server;
using Microsoft.Extensions.Logging;

namespace DataAccessBroker.Infrastructure.Processes;

/// <summary>
/// A loop that Hangfire's server runs on a thread of its own for as long as the server runs: one pass, then a pause.
/// Unlike a recurring job it writes no job rows and takes no lock rows (a crashed broker leaves nothing behind that
/// others must wait out), and a failing pass (the database away, say) is tried again after the same pause rather than
/// after Hangfire's exponential back-off, so the work resumes within one interval of the database's return.
/// </summary>
public abstract class PollingProcess(ProcessHealth health, ILogger logger) : IBackgroundProcess
{
    /// <summary>The name Hangfire's dashboard and the readiness check show.</summary>
    public abstract string Name { get; }

    /// <summary>The pause between passes.</summary>
    public abstract TimeSpan Interval { get; }

    /// <summary>
    /// Whether readiness waits on the process's passes (it is unready until the first and when they stall): true for
    /// the work the broker's promises rest on, such as SLA firing.
    /// </summary>
    public virtual bool GatesReadiness => true;

    public void Execute(BackgroundProcessContext context)
    {
        try
        {
            // Hangfire gives the process a dedicated thread, so blocking on the pass costs no pool thread.
            RunAsync(context.StoppingToken).GetAwaiter().GetResult();
            if (health.Succeeded(Name)) logger.LogInformation("{Process} is working again", Name);
        }
        catch (Exception e) when (!context.IsStopping)
        {
            // The first failure of a run of them is a warning; the rest would only repeat it every interval.
            if (health.Failed(Name)) logger.LogWarning(e, "{Process} failed; retrying every {Interval}", Name, Interval);
            else logger.LogDebug(e, "{Process} failed again", Name);
        }

        Pause(context);
    }

    /// <summary>The pause after a pass: <see cref="Interval"/>, or less for a process that is woken when work arrives.</summary>
    protected virtual void Pause(BackgroundProcessContext context) => context.Wait(Interval);

    /// <summary>One pass.</summary>
    protected abstract Task RunAsync(CancellationToken cancellationToken);

    public override string ToString() => Name;
}
